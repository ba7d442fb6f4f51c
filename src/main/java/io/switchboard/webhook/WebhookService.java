package io.switchboard.webhook;

import io.switchboard.call.CallUpdates;
import io.switchboard.call.TwilioCallUpdate;
import io.switchboard.idempotency.IdempotencyKeys;
import io.switchboard.message.MessageUpdates;
import io.switchboard.message.TwilioMessageUpdate;
import io.switchboard.recording.RecordingUpdates;
import io.switchboard.recording.TwilioRecordingUpdate;
import io.switchboard.tenant.TenantContext;
import io.switchboard.twilio.Callbacks;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final TenantContext tenantContext;
    private final CallUpdates calls;
    private final RecordingUpdates recordings;
    private final MessageUpdates messages;
    private final Callbacks callbacks;
    private final IdempotencyKeys idempotencyKeys;
    private final VoiceAnswers voiceAnswers;

    WebhookService(
            TenantContext tenantContext,
            CallUpdates calls,
            RecordingUpdates recordings,
            MessageUpdates messages,
            Callbacks callbacks,
            IdempotencyKeys idempotencyKeys,
            VoiceAnswers voiceAnswers) {
        this.voiceAnswers = voiceAnswers;
        this.callbacks = callbacks;
        this.idempotencyKeys = idempotencyKeys;
        this.tenantContext = tenantContext;
        this.calls = calls;
        this.recordings = recordings;
        this.messages = messages;
    }

    String incomingCall(TwilioCallUpdate call) {
        UUID tenantId = tenantContext.requireTenantId();
        calls.apply(tenantId, call);
        VoiceAnswers.Answer answer = voiceAnswers.of(tenantId);
        return Twiml.incomingCall(
                answer.greeting(),
                answer.forwardTo(),
                answer.autoRecordCalls(),
                callbacks.url(answer.customDomain(), Callbacks.RECORDING_STATUS),
                callbacks.url(answer.customDomain(), Callbacks.VOICE));
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
