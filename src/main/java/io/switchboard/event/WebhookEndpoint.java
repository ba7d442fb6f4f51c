package io.switchboard.event;

import io.switchboard.common.TrackedTenantEntity;
import io.switchboard.crypto.SecretField;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Where a tenant wants its events: the URL, the types it subscribes to, its signing secrets. */
@Entity
@Table(name = "webhook_endpoints")
public class WebhookEndpoint extends TrackedTenantEntity {

    public static final String SECRET_COLUMN = "secret_enc";
    public static final String PREVIOUS_SECRET_COLUMN = "previous_secret_enc";

    @Column(name = "url", nullable = false)
    public String url;

    @Column(name = "description")
    public String description;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "event_types", nullable = false)
    public List<String> eventTypes;

    @Column(name = "enabled", nullable = false)
    public boolean enabled = true;

    /** Encrypted (SecretField.webhookSigningSecret); never leaves the service but in a signature. */
    @Column(name = "secret_enc", nullable = false)
    public String secretEncrypted;

    @Column(name = "previous_secret_enc")
    public String previousSecretEncrypted;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "failing_since")
    public Instant failingSince;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** Where each signing secret of this endpoint is bound (its encryption's associated data). */
    public SecretField secretField(String column) {
        return SecretField.webhookSigningSecret(tenantId, id, column);
    }

    /** The tenant's endpoints, locked for update: for changing their secrets without losing a concurrent change. */
    public static List<WebhookEndpoint> lockAllForTenant(UUID tenantId) {
        return find("tenantId", tenantId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    static Optional<WebhookEndpoint> lockForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public static Optional<WebhookEndpoint> findForTenant(UUID tenantId, UUID id) {
        return find("tenantId = ?1 and id = ?2", tenantId, id).firstResultOptional();
    }
}
