package io.switchboard.message;

import io.switchboard.common.ApiException;
import io.switchboard.common.IdOrSid;
import io.switchboard.common.Keyset;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.tenant.TenantContext;
import io.switchboard.twilio.Outbound;
import io.switchboard.twilio.PaidActionLimiter;
import io.switchboard.twilio.TwilioGateway;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Messages: reading them, and sending SMS through the tenant's own Twilio account. */
@ApplicationScoped
public class MessageService {

    static final String STATUS_WEBHOOK = "/webhooks/twilio/message-status";
    private static final Pattern MESSAGE_SID = Pattern.compile("(SM|MM)[0-9a-fA-F]{32}");

    private final TenantContext tenantContext;
    private final EntityManager entityManager;
    private final PaidActionLimiter limiter;
    private final Outbound outbound;
    private final TwilioGateway twilio;
    private final MessageUpdates updates;

    MessageService(TenantContext tenantContext, EntityManager entityManager, PaidActionLimiter limiter, Outbound outbound,
                   TwilioGateway twilio, MessageUpdates updates) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
        this.limiter = limiter;
        this.outbound = outbound;
        this.twilio = twilio;
        this.updates = updates;
    }

    @Transactional
    public Page<MessageView> list(MessageStatus status, MessageDirection direction, Instant since, Instant until,
                                  PageRequest page) {
        return Keyset.of(Message.class, tenantContext.requireTenantId())
                .and("e.status = :status", "status", status)
                .and("e.direction = :direction", "direction", direction)
                .and("e.createdAt >= :since", "since", since)
                .and("e.createdAt < :until", "until", until)
                .page(entityManager, page, MessageView::of);
    }

    @Transactional
    public MessageView get(String idOrSid) {
        UUID tenantId = tenantContext.requireTenantId();
        Optional<Message> message = IdOrSid.find(idOrSid, MESSAGE_SID, sid -> Message.findBySid(tenantId, sid),
                id -> Message.findForTenant(tenantId, id));
        return MessageView.of(message.orElseThrow(() -> new ApiException.NotFound("Message " + idOrSid)));
    }

    /** No transaction is held while Twilio is called (see CallDialer). */
    public MessageView send(SendMessageRequest request, HttpServerRequest http) {
        limiter.takeSlot();
        Outbound.Prepared prepared = outbound.prepare(request.from(), http);
        TwilioGateway.SentMessage sent = twilio.sendMessage(prepared.credentials(), request.to(), prepared.from(),
                request.body(), prepared.callbackBase() + STATUS_WEBHOOK);
        return recordSent(sent, request.body());
    }

    @Transactional
    MessageView recordSent(TwilioGateway.SentMessage sent, String body) {
        UUID tenantId = tenantContext.requireTenantId();
        MessageStatus status = sent.status() == null ? MessageStatus.QUEUED
                : io.switchboard.common.WireValue.parse(MessageStatus.class, sent.status()).orElse(MessageStatus.QUEUED);
        updates.recordSent(tenantId, new TwilioMessageUpdate(sent.sid(), sent.from(), sent.to(), body, status,
                sent.numSegments(), null, null, null));
        return MessageView.of(Message.findBySid(tenantId, sent.sid()).orElseThrow());
    }
}
