package io.switchboard.login;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.Hashing;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Throttles login attempts per (account, client address) and per client address, never per
 * account alone: a stranger's failures from one address then never stop a correct login from
 * another. An attempt is taken atomically in PostgreSQL before any password is checked, so
 * parallel attempts are counted one by one (shared by every instance), and the count is the same
 * whether or not the email exists. A correct password gives the attempts back.
 */
@ApplicationScoped
class LoginThrottle {

    private static final String TAKE = "SELECT login_throttle_take(?, ?, CAST(? AS interval), CAST(? AS interval)),"
            + " login_throttle_take(?, ?, CAST(? AS interval), CAST(? AS interval))";
    /** Expired rows are deleted now and then by the attempts themselves: about one attempt in 64. */
    private static final int PRUNE_ONE_IN = 64;

    /** The two counters an attempt counts against, as digests: nothing here names a user. */
    record Subjects(byte[] accountAtAddress, byte[] address) {}

    private final EntityManager entityManager;
    private final LoginConfig config;

    LoginThrottle(EntityManager entityManager, LoginConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    static Subjects subjects(UUID tenantId, String normalizedEmail, String clientAddress) {
        String address = clientAddress == null ? "unknown" : clientAddress;
        return new Subjects(
                Hashing.sha256("account-at-address\u0000" + tenantId + "\u0000" + normalizedEmail + "\u0000" + address),
                Hashing.sha256("address\u0000" + address));
    }

    /** Takes one attempt; empty when it may go on, else how long until it may be retried. */
    Optional<Duration> take(Subjects subjects) {
        String window = config.throttleWindow().toSeconds() + " seconds";
        String lockout = config.lockout().toSeconds() + " seconds";
        OffsetDateTime[] lockedUntil = QuarkusTransaction.requiringNew().call(() -> {
            if (ThreadLocalRandom.current().nextInt(PRUNE_ONE_IN) == 0) {
                Jdbc.update(
                        entityManager,
                        "DELETE FROM login_throttle WHERE window_started_at < now() - interval '1 day'"
                                + " AND (locked_until IS NULL OR locked_until < now())");
            }
            return Jdbc.first(
                            entityManager,
                            TAKE,
                            row -> new OffsetDateTime[] {
                                row.getObject(1, OffsetDateTime.class), row.getObject(2, OffsetDateTime.class)
                            },
                            subjects.accountAtAddress(),
                            config.attemptsPerAccountAndAddress(),
                            window,
                            lockout,
                            subjects.address(),
                            config.attemptsPerAddress(),
                            window,
                            lockout)
                    .orElseThrow();
        });
        Instant now = Instant.now();
        Instant until = null;
        for (OffsetDateTime locked : lockedUntil) {
            if (locked != null && (until == null || locked.toInstant().isAfter(until))) {
                until = locked.toInstant();
            }
        }
        return until == null || !until.isAfter(now) ? Optional.empty() : Optional.of(Duration.between(now, until));
    }

    /** The password was right: the pair starts afresh and the address gets its attempt back. */
    void succeeded(Subjects subjects) {
        QuarkusTransaction.requiringNew().run(() -> {
            Jdbc.update(entityManager, "DELETE FROM login_throttle WHERE subject = ?", subjects.accountAtAddress());
            Jdbc.first(entityManager, "SELECT login_throttle_refund(?)", row -> Boolean.TRUE, subjects.address());
        });
    }
}
