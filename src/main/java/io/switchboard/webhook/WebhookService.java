package io.switchboard.webhook;

import io.switchboard.call.CallUpdates;
import io.switchboard.call.TwilioCallUpdate;
import io.switchboard.common.Jdbc;
import io.switchboard.idempotency.IdempotencyKeys;
import io.switchboard.message.MessageUpdates;
import io.switchboard.message.TwilioMessageUpdate;
import io.switchboard.recording.RecordingUpdates;
import io.switchboard.recording.TwilioRecordingUpdate;
import io.switchboard.tenant.TenantContext;
import io.switchboard.twilio.Callbacks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.UUID;

/**
 * One transaction per Twilio event, committed before the answer is written: a success Twilio
 * receives means the row is in the database.
 */
@ApplicationScoped
@Transactional
class WebhookService {

    /** forwardTo, autoRecordCalls, the newest active greeting and the callback domain, in one round trip. */
    private static final String CALL_ANSWER = "SELECT s.forward_to, s.auto_record_calls,"
            + " (SELECT c.body FROM content c WHERE c.tenant_id = t.id AND c.type = 'greeting' AND c.active"
            + "  ORDER BY c.updated_at DESC LIMIT 1),"
            + " (SELECT tn.custom_domain FROM tenants tn WHERE tn.id = t.id)"
            + " FROM (SELECT CAST(? AS uuid) AS id) t LEFT JOIN settings s ON s.tenant_id = t.id";

    private final TenantContext tenantContext;
    private final EntityManager entityManager;
    private final CallUpdates calls;
    private final RecordingUpdates recordings;
    private final MessageUpdates messages;
    private final Callbacks callbacks;
    private final IdempotencyKeys idempotencyKeys;

    WebhookService(
            TenantContext tenantContext,
            EntityManager entityManager,
            CallUpdates calls,
            RecordingUpdates recordings,
            MessageUpdates messages,
            Callbacks callbacks,
            IdempotencyKeys idempotencyKeys) {
        this.callbacks = callbacks;
        this.idempotencyKeys = idempotencyKeys;
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
        this.calls = calls;
        this.recordings = recordings;
        this.messages = messages;
    }

    String incomingCall(TwilioCallUpdate call) {
        UUID tenantId = tenantContext.requireTenantId();
        calls.apply(tenantId, call);
        return Jdbc.first(
                        entityManager,
                        CALL_ANSWER,
                        row -> Twiml.incomingCall(
                                row.getString(3),
                                row.getString(1),
                                row.getBoolean(2),
                                callbacks.url(row.getString(4), Callbacks.RECORDING_STATUS),
                                callbacks.url(row.getString(4), Callbacks.VOICE)),
                        tenantId)
                .orElseThrow();
    }

    /** Twilio asking what follows a voicemail (the {@code <Record>} action): the call's state, then hang up. */
    String voicemailEnded(TwilioCallUpdate call) {
        calls.apply(tenantContext.requireTenantId(), call);
        return Twiml.hangUp();
    }

    /** {@code claim}: the keyed request that placed the call, which learns its SID from this report. */
    void callStatus(TwilioCallUpdate call, Optional<UUID> claim) {
        UUID tenantId = tenantContext.requireTenantId();
        calls.apply(tenantId, call);
        claim.ifPresent(id -> idempotencyKeys.remoteReported(tenantId, id, call.sid()));
    }

    void recordingStatus(TwilioRecordingUpdate recording) {
        recordings.apply(tenantContext.requireTenantId(), recording);
    }

    void inboundMessage(TwilioMessageUpdate message) {
        messages.recordInbound(tenantContext.requireTenantId(), message);
    }

    void messageStatus(TwilioMessageUpdate message, Optional<UUID> claim) {
        UUID tenantId = tenantContext.requireTenantId();
        messages.applyStatus(tenantId, message);
        claim.ifPresent(id -> idempotencyKeys.remoteReported(tenantId, id, message.sid()));
    }
}
