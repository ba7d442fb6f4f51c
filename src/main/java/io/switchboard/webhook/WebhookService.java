package io.switchboard.webhook;

import io.switchboard.call.CallUpdates;
import io.switchboard.call.TwilioCallUpdate;
import io.switchboard.content.Content;
import io.switchboard.message.MessageUpdates;
import io.switchboard.message.TwilioMessageUpdate;
import io.switchboard.recording.RecordingUpdates;
import io.switchboard.recording.TwilioRecordingUpdate;
import io.switchboard.setting.Settings;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
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

    private final TenantContext tenantContext;
    private final CallUpdates calls;
    private final RecordingUpdates recordings;
    private final MessageUpdates messages;

    WebhookService(TenantContext tenantContext, CallUpdates calls, RecordingUpdates recordings, MessageUpdates messages) {
        this.tenantContext = tenantContext;
        this.calls = calls;
        this.recordings = recordings;
        this.messages = messages;
    }

    String incomingCall(TwilioCallUpdate call, PublicUrl url) {
        UUID tenantId = tenantContext.requireTenantId();
        calls.apply(tenantId, call);
        Settings settings = Settings.findForTenant(tenantId).orElseGet(() -> Settings.defaultsFor(tenantId));
        String greeting = Content.currentGreeting(tenantId).map(content -> content.body).orElse(null);
        return Twiml.incomingCall(greeting, settings.forwardTo, settings.autoRecordCalls,
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
