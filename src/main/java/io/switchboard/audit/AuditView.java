package io.switchboard.audit;

import io.switchboard.tenant.ActorKind;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change to tenant data: what, when, before and after, by whom and from where. */
public record AuditView(
        long id,
        Instant occurredAt,
        String table,
        UUID recordId,
        AuditAction action,
        @Schema(description = "update: the changed columns' values before; delete: the row's non-null columns")
                Map<String, Object> oldValues,
        @Schema(description = "update: the changed columns' values after; insert: the row's non-null columns")
                Map<String, Object> newValues,
        ActorKind actorKind,
        UUID userId,
        UUID apiKeyId,
        String ip,
        String userAgent) {

    static AuditView of(AuditLog log) {
        return new AuditView(
                log.id,
                log.occurredAt,
                log.tableName,
                log.recordId,
                log.action,
                log.oldValues,
                log.newValues,
                log.actorKind,
                log.actorUserId,
                log.actorApiKeyId,
                log.ip == null ? null : log.ip.getHostAddress(),
                log.userAgent);
    }
}
