package io.switchboard.call;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.auth.Caller;
import io.switchboard.common.ApiException;
import io.switchboard.common.IdOrSid;
import io.switchboard.recording.Recording;
import io.switchboard.recording.RecordingStatus;
import io.switchboard.tenant.TenantContext;
import io.switchboard.tenant.TenantSecrets;
import io.switchboard.twilio.TwilioMedia;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A recording's audio, fetched from Twilio with the tenant's credentials for callers who have none.
 * Here because who may play a recording is decided by its call: a sales rep only their own calls'
 * (another rep's is a 404, as the call itself is). No transaction is held while the audio streams.
 */
@ApplicationScoped
public class RecordingMedia {

    private final TenantContext tenantContext;
    private final Caller caller;
    private final TenantSecrets secrets;
    private final TwilioMedia twilio;

    RecordingMedia(TenantContext tenantContext, Caller caller, TenantSecrets secrets, TwilioMedia twilio) {
        this.tenantContext = tenantContext;
        this.caller = caller;
        this.secrets = secrets;
        this.twilio = twilio;
    }

    /** Opens the audio: 404 for a recording the caller may not see, 409 until Twilio reports it completed. */
    public TwilioMedia.Media open(String idOrSid, TwilioMedia.Format format, String range) {
        String sid = QuarkusTransaction.requiringNew().call(() -> playableSid(idOrSid));
        return twilio.open(secrets.twilioCredentials(), sid, format, range);
    }

    private String playableSid(String idOrSid) {
        UUID tenantId = tenantContext.requireTenantId();
        Recording recording = IdOrSid.find(
                        idOrSid,
                        Recording.SID_FORMAT,
                        sid -> Recording.findBySid(tenantId, sid),
                        id -> Recording.findForTenant(tenantId, id))
                .filter(this::visibleToCaller)
                .orElseThrow(() -> new ApiException.NotFound("Recording " + idOrSid));
        if (recording.status != RecordingStatus.COMPLETED) {
            throw new ApiException.Conflict("Recording " + idOrSid + " is "
                    + (recording.status == null ? "not reported yet" : recording.status.wire())
                    + "; its audio can be fetched once Twilio reports it completed");
        }
        return recording.sid;
    }

    private boolean visibleToCaller(Recording recording) {
        if (!caller.seesOnlyOwnCalls()) {
            return true;
        }
        UUID own = caller.userId().orElse(null);
        return own != null
                && recording.callId != null
                && Call.findForTenant(recording.tenantId, recording.callId)
                        .map(call -> own.equals(call.userId))
                        .orElse(false);
    }
}
