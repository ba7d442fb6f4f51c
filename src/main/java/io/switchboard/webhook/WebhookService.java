package io.switchboard.webhook;

import io.switchboard.call.CallUpdates;
import io.switchboard.call.TwilioCallUpdate;
import io.switchboard.common.Jdbc;
import io.switchboard.message.MessageUpdates;
import io.switchboard.message.TwilioMessageUpdate;
import io.switchboard.recording.RecordingUpdates;
import io.switchboard.recording.TwilioRecordingUpdate;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * One transaction per Twilio event, committed before the answer is written: a success Twilio
 * receives means the row is in the database.
 */
@ApplicationScoped
@Transactional
class WebhookService {

    static final String RECORDING_STATUS_PATH = "/webhooks/twilio/recording-status";

    /** forwardTo, autoRecordCalls and the newest active greeting, in one round trip. */
    private static final String CALL_ANSWER = "SELECT s.forward_to, s.auto_record_calls,"
            + " (SELECT c.body FROM content c WHERE c.tenant_id = t.id AND c.type = 'greeting' AND c.active"
            + "  ORDER BY c.updated_at DESC LIMIT 1)"
            + " FROM (SELECT CAST(? AS uuid) AS id) t LEFT JOIN settings s ON s.tenant_id = t.id";

    private final TenantContext tenantContext;
    private final EntityManager entityManager;
    private final CallUpdates calls;
    private final RecordingUpdates recordings;
    private final MessageUpdates messages;

    WebhookService(TenantContext tenantContext, EntityManager entityManager, CallUpdates calls, RecordingUpdates recordings,
                   MessageUpdates messages) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
        this.calls = calls;
        this.recordings = recordings;
        this.messages = messages;
    }

    String incomingCall(TwilioCallUpdate call, PublicUrl url) {
        UUID tenantId = tenantContext.requireTenantId();
        calls.apply(tenantId, call);
        Object[] answer = Jdbc.queryRow(entityManager, CALL_ANSWER, tenantId);
        return Twiml.incomingCall((String) answer[2], (String) answer[0], Boolean.TRUE.equals(answer[1]),
                url.resolve(RECORDING_STATUS_PATH));
    }

    void callStatus(TwilioCallUpdate call) {
        calls.apply(tenantContext.requireTenantId(), call);
    }

    void recordingStatus(TwilioRecordingUpdate recording) {
        recordings.apply(tenantContext.requireTenantId(), recording);
    }

    void inboundMessage(TwilioMessageUpdate message) {
        messages.recordInbound(tenantContext.requireTenantId(), message);
    }

    void messageStatus(TwilioMessageUpdate message) {
        messages.applyStatus(tenantContext.requireTenantId(), message);
    }
}
