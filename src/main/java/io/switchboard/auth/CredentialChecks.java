package io.switchboard.auth;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.ApiException;
import io.switchboard.tenant.TenantStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks a credential needs once its tenant context is entered: that a JWT's login session is
 * still open (so logout takes effect at once) and that a used API key's last use is recorded.
 */
@ApplicationScoped
public class CredentialChecks {

    private final EntityManager entityManager;
    private final AuthConfig config;
    /** When this instance last wrote each key's last use: at most one write per key per resolution. */
    private final Map<UUID, Instant> usageWritten = new ConcurrentHashMap<>();

    CredentialChecks(EntityManager entityManager, AuthConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** 401 unless the session is open, unexpired and its user active; 403 if the tenant is inactive. */
    public void requireOpenSession(UUID tenantId, UUID sessionId, UUID userId) {
        List<?> rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                        "select t.status, s.endedAt, s.expiresAt, u.active from LoginSession s, User u, Tenant t"
                                + " where s.tenantId = :tenant and s.id = :session and s.userId = :user"
                                + " and u.tenantId = s.tenantId and u.id = s.userId and t.id = s.tenantId")
                .setParameter("tenant", tenantId).setParameter("session", sessionId).setParameter("user", userId)
                .getResultList());
        if (rows.isEmpty()) {
            throw new ApiException.Unauthorized("This session is not valid");
        }
        Object[] row = (Object[]) rows.get(0);
        if (row[0] != TenantStatus.ACTIVE) {
            throw new ApiException.Forbidden("This tenant is inactive");
        }
        boolean ended = row[1] != null || !Instant.now().isBefore((Instant) row[2]);
        if (ended || !Boolean.TRUE.equals(row[3])) {
            throw new ApiException.Unauthorized("This session has ended; log in again");
        }
    }

    public void recordApiKeyUse(UUID tenantId, UUID apiKeyId) {
        Instant now = Instant.now();
        Instant written = usageWritten.get(apiKeyId);
        if (written != null && written.isAfter(now.minus(config.apiKeyUsageResolution()))) {
            return;
        }
        usageWritten.put(apiKeyId, now);
        Instant staleBefore = now.minus(config.apiKeyUsageResolution());
        // Also conditional in SQL, so several instances together still write about once per resolution.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createQuery(
                        "update ApiKey k set k.lastUsedAt = :now where k.tenantId = :tenant and k.id = :id"
                                + " and (k.lastUsedAt is null or k.lastUsedAt < :staleBefore)")
                .setParameter("now", now).setParameter("tenant", tenantId).setParameter("id", apiKeyId)
                .setParameter("staleBefore", staleBefore)
                .executeUpdate());
    }
}
