package io.switchboard.login;

import io.switchboard.common.TenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A dashboard login: its JWT is accepted only while this row is open and unexpired. */
@Entity
@Table(name = "sessions")
public class LoginSession extends TenantEntity {

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(name = "started_at", nullable = false, updatable = false)
    public Instant startedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;

    @JdbcTypeCode(SqlTypes.INET)
    @Column(name = "ip")
    public InetAddress ip;

    @Column(name = "user_agent")
    public String userAgent;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "activity", nullable = false)
    public Map<String, Object> activity = Map.of();

    public static Optional<LoginSession> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    /** Sessions that are neither ended nor expired, newest first. */
    static List<LoginSession> openForTenant(UUID tenantId, Instant now) {
        return list("tenantId = ?1 and endedAt is null and expiresAt > ?2 order by startedAt desc", tenantId, now);
    }

    /** Ends every open session of a user but one (null: all of them). */
    static void endOthers(UUID tenantId, UUID userId, UUID except, String reason) {
        String open = "endedAt = ?1, endReason = ?2 where tenantId = ?3 and userId = ?4 and endedAt is null";
        if (except == null) {
            update(open, Instant.now(), reason, tenantId, userId);
        } else {
            update(open + " and id <> ?5", Instant.now(), reason, tenantId, userId, except);
        }
    }

    /** Ends this session now; the first end and its reason are kept. */
    void end(String reason) {
        if (endedAt == null) {
            endedAt = Instant.now();
            endReason = reason;
        }
    }
}
