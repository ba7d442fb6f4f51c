package io.switchboard.auth;

import io.switchboard.common.TenantEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant app's API key: only its SHA-256 and a displayable prefix are stored. */
@Entity
@Table(name = "api_keys")
public class ApiKey extends TenantEntity {

    @Column(name = "prefix", nullable = false, updatable = false)
    public String prefix;

    @Column(name = "secret_hash", nullable = false, updatable = false)
    public byte[] secretHash;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static List<ApiKey> listForTenant(UUID tenantId) {
        return list("tenantId = ?1 order by createdAt, id", tenantId);
    }

    public static Optional<ApiKey> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    @PrePersist
    void stampCreation() {
        if (createdAt == null) {
            createdAt = Instant.now();
        }
    }
}
