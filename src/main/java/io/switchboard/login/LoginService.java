package io.switchboard.login;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.DashboardToken;
import io.switchboard.auth.PasswordHasher;
import io.switchboard.common.ApiException;
import io.switchboard.common.ClientAddress;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantContext;
import io.switchboard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Dashboard logins. A successful one opens a session row and signs a JWT naming the tenant, the
 * user and the session; the session can be ended server-side, which ends the token too.
 *
 * <p>Each step that needs the database runs in its own short transaction; the password hash runs
 * between them, holding no connection, and in turn with other hashes ({@link PasswordHasher}), so
 * a burst of logins cannot starve other requests of connections. Unknown and known emails take
 * the same steps, the same time, and get the same answers.
 */
@ApplicationScoped
public class LoginService {

    /** Answer of a login. */
    public sealed interface Outcome {
        record Success(String token, Instant expiresAt) implements Outcome {}

        record Refused() implements Outcome {}

        record Throttled(Duration retryAfter) implements Outcome {}

        record TenantInactive() implements Outcome {}
    }

    /** What the database says about a login attempt before its password is checked. */
    private record Candidate(
            boolean tenantFound, boolean tenantActive, UUID userId, String passwordHash, boolean userActive) {}

    private final TenantContext tenantContext;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final LoginConfig config;

    LoginService(TenantContext tenantContext, PasswordHasher passwords, LoginThrottle throttle, LoginConfig config) {
        this.tenantContext = tenantContext;
        this.passwords = passwords;
        this.throttle = throttle;
        this.config = config;
    }

    public Outcome login(String email, String password) {
        UUID tenantId = tenantContext.requireTenantId();
        String normalizedEmail = normalize(email);
        LoginThrottle.Subjects subjects = LoginThrottle.subjects(
                tenantId, normalizedEmail, tenantContext.actor().ip());
        Optional<Duration> throttled = throttle.take(subjects);
        if (throttled.isPresent()) {
            return new Outcome.Throttled(throttled.get());
        }
        Candidate candidate = QuarkusTransaction.requiringNew().call(() -> candidate(tenantId, normalizedEmail));
        if (candidate.tenantFound() && !candidate.tenantActive()) {
            return new Outcome.TenantInactive();
        }
        boolean passwordMatches;
        if (candidate.passwordHash() == null) {
            passwords.verifyDecoy(password);
            passwordMatches = false;
        } else {
            passwordMatches = passwords.verify(password, candidate.passwordHash());
        }
        if (!passwordMatches || !candidate.userActive()) {
            return new Outcome.Refused();
        }
        throttle.succeeded(subjects);
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.sessionDuration());
        UUID sessionId = QuarkusTransaction.requiringNew().call(() -> openSession(candidate.userId(), now, expiresAt));
        return new Outcome.Success(
                DashboardToken.issue(tenantId, candidate.userId(), normalizedEmail, sessionId, now, expiresAt),
                expiresAt);
    }

    /** Ends a login session; ending it twice is harmless. */
    public void logout(UUID sessionId) {
        QuarkusTransaction.requiringNew()
                .run(() -> LoginSession.findForTenant(tenantContext.requireTenantId(), sessionId)
                        .orElseThrow(() -> new ApiException.Unauthorized("This session is not valid"))
                        .end("logout"));
    }

    /**
     * Changes the caller's own password after checking the current one (throttled like a login, so
     * a stolen token cannot be used to guess it), and ends their other sessions.
     */
    public void changePassword(UUID userId, UUID currentSessionId, String currentPassword, String newPassword) {
        UUID tenantId = tenantContext.requireTenantId();
        User user = QuarkusTransaction.requiringNew().call(() -> User.findForTenant(tenantId, userId)
                .orElseThrow(() -> new ApiException.Unauthorized("This session is not valid")));
        LoginThrottle.Subjects subjects = LoginThrottle.subjects(
                tenantId, user.email, tenantContext.actor().ip());
        Optional<Duration> throttled = throttle.take(subjects);
        if (throttled.isPresent()) {
            throw new ApiException.TooManyRequests("Too many attempts; retry later", throttled.get());
        }
        if (!passwords.verify(currentPassword, user.passwordHash)) {
            throw new ApiException.Invalid("currentPassword", "is not your current password");
        }
        throttle.succeeded(subjects);
        String newHash = passwords.hash(newPassword);
        QuarkusTransaction.requiringNew().run(() -> {
            User stored = User.findForTenant(tenantId, userId).orElseThrow();
            stored.passwordHash = newHash;
            LoginSession.endOthers(tenantId, userId, currentSessionId, "password_changed");
        });
    }

    private static Candidate candidate(UUID tenantId, String normalizedEmail) {
        Optional<Tenant> tenant = Tenant.findCurrent(tenantId);
        Optional<User> user = tenant.flatMap(found -> User.findByEmail(tenantId, normalizedEmail));
        return new Candidate(
                tenant.isPresent(),
                tenant.map(Tenant::isActive).orElse(false),
                user.map(found -> found.id).orElse(null),
                user.map(found -> found.passwordHash).orElse(null),
                user.map(found -> found.active).orElse(false));
    }

    private UUID openSession(UUID userId, Instant now, Instant expiresAt) {
        UUID tenantId = tenantContext.requireTenantId();
        Actor actor = tenantContext.actor();
        User user = User.findForTenant(tenantId, userId).orElseThrow();
        user.lastLoginAt = now;
        LoginSession session = new LoginSession();
        session.tenantId = tenantId;
        session.userId = userId;
        session.startedAt = now;
        session.expiresAt = expiresAt;
        session.ip = ClientAddress.literal(actor.ip()).orElse(null);
        session.userAgent = actor.userAgent() == null || actor.userAgent().length() <= 512
                ? actor.userAgent()
                : actor.userAgent().substring(0, 512);
        session.persist();
        return session.id;
    }

    private static String normalize(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
