package io.switchboard.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.switchboard.tenant.ActorKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One recorded change to tenant data. Written by the database, read-only here. */
@Entity
@Immutable
@Table(name = "audit_logs")
public class AuditLog extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "table_name", nullable = false)
    public String tableName;

    @Column(name = "record_id")
    public UUID recordId;

    @Column(name = "action", nullable = false)
    public AuditAction action;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "old_values")
    public Map<String, Object> oldValues;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "new_values")
    public Map<String, Object> newValues;

    @Column(name = "actor_kind", nullable = false)
    public ActorKind actorKind;

    @Column(name = "actor_user_id")
    public UUID actorUserId;

    @Column(name = "actor_api_key_id")
    public UUID actorApiKeyId;

    @JdbcTypeCode(SqlTypes.INET)
    @Column(name = "ip")
    public InetAddress ip;

    @Column(name = "user_agent")
    public String userAgent;
}
