package io.switchboard.setting;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
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

/** A tenant's telephony preferences: one row per tenant, created with the tenant. */
@Entity
@Table(name = "settings")
public class Settings extends PanacheEntityBase {

    /** Calls placed plus SMS sent per minute unless a tenant sets otherwise; the column's DEFAULT agrees (SchemaRulesTest). */
    public static final int DEFAULT_PAID_ACTIONS_PER_MINUTE = 60;

    @Id
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public UUID tenantId;

    @Column(name = "auto_record_calls", nullable = false)
    public boolean autoRecordCalls;

    @Column(name = "forward_to")
    public String forwardTo;

    @Column(name = "paid_actions_per_minute", nullable = false)
    public int paidActionsPerMinute = DEFAULT_PAID_ACTIONS_PER_MINUTE;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "extra", nullable = false)
    public Map<String, Object> extra = Map.of();

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Settings> findForTenant(UUID tenantId) {
        return findByIdOptional(tenantId);
    }

    public static Settings defaultsFor(UUID tenantId) {
        Settings settings = new Settings();
        settings.tenantId = tenantId;
        return settings;
    }

    @PrePersist
    @PreUpdate
    void stamp() {
        updatedAt = Instant.now();
    }
}
