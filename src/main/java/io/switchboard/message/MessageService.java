package io.switchboard.message;

import io.switchboard.common.ApiException;
import io.switchboard.common.IdOrSid;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.WireValue;
import io.switchboard.tenant.TenantContext;
import io.switchboard.twilio.TwilioGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;

/** Messages: reading them, and recording the ones sent through the tenant's Twilio account. */
@ApplicationScoped
@Transactional
public class MessageService {

    private final TenantContext tenantContext;
    private final EntityManager entityManager;
    private final MessageUpdates updates;

    MessageService(TenantContext tenantContext, EntityManager entityManager, MessageUpdates updates) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
        this.updates = updates;
    }

    public Page<MessageView> list(
            MessageStatus status, MessageDirection direction, Instant since, Instant until, PageRequest page) {
        return Keyset.of(Message.class, tenantContext.requireTenantId())
                .and("e.status = :status", "status", status)
                .and("e.direction = :direction", "direction", direction)
                .and("e.createdAt >= :since", "since", since)
                .and("e.createdAt < :until", "until", until)
                .page(entityManager, page, MessageView::of);
    }

    public MessageView get(String idOrSid) {
        UUID tenantId = tenantContext.requireTenantId();
        return IdOrSid.find(
                        idOrSid,
                        Message.SID_FORMAT,
                        sid -> Message.findBySid(tenantId, sid),
                        id -> Message.findForTenant(tenantId, id))
                .map(MessageView::of)
                .orElseThrow(() -> new ApiException.NotFound("Message " + idOrSid));
    }

    /** Stores a message Twilio accepted (its status callback may have stored it first). */
    MessageView recordSent(TwilioGateway.SentMessage sent, String body) {
        UUID tenantId = tenantContext.requireTenantId();
        MessageStatus status = sent.status() == null
                ? MessageStatus.QUEUED
                : WireValue.parse(MessageStatus.class, sent.status()).orElse(MessageStatus.QUEUED);
        updates.recordSent(
                tenantId,
                new TwilioMessageUpdate(
                        sent.sid(), sent.from(), sent.to(), body, status, sent.numSegments(), null, null, null));
        return MessageView.of(Message.findBySid(tenantId, sent.sid()).orElseThrow());
    }
}
