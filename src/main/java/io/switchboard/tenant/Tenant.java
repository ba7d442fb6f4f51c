package io.switchboard.tenant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.switchboard.common.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A customer of Switchboard with its own Twilio account. The auth token and API key secret are
 * held only in their encrypted form ("sb1:..."); the tenant package's services decrypt them.
 */
@Entity
@Table(name = "tenants")
public class Tenant extends PanacheEntityBase {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    public UUID id;

    @Column(name = "name", nullable = false)
    public String name;

    // Status, custom domain and account SID route requests to this tenant: tenant work may not
    // change them (column grants, migration V5); operators change them through TenantRouting.
    @Column(name = "status", nullable = false, updatable = false)
    public TenantStatus status = TenantStatus.ACTIVE;

    @Column(name = "custom_domain", updatable = false)
    public String customDomain;

    @Column(name = "twilio_account_sid", nullable = false, updatable = false)
    public String twilioAccountSid;

    @Column(name = "twilio_auth_token_enc", nullable = false)
    public String twilioAuthTokenEncrypted;

    @Column(name = "twilio_api_key_sid")
    public String twilioApiKeySid;

    @Column(name = "twilio_api_key_secret_enc")
    public String twilioApiKeySecretEncrypted;

    @Column(name = "twilio_phone_number")
    public String twilioPhoneNumber;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "branding_config", nullable = false)
    public Map<String, Object> brandingConfig = Map.of();

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Only the current transaction's tenant is visible (row-level security), so this is a check, not a search. */
    public static Optional<Tenant> findCurrent(UUID tenantId) {
        return findByIdOptional(tenantId);
    }

    public boolean isActive() {
        return status == TenantStatus.ACTIVE;
    }

    @PrePersist
    void onCreate() {
        if (id == null) {
            id = Ids.newId();
        }
        createdAt = updatedAt = Instant.now();
    }

    @PreUpdate
    void onUpdate() {
        updatedAt = Instant.now();
    }
}
