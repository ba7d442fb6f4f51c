package io.switchboard.call;

import io.switchboard.idempotency.IdempotentRequest;
import io.switchboard.twilio.Callbacks;
import io.switchboard.twilio.Outbound;
import io.switchboard.twilio.PaidActionLimiter;
import io.switchboard.twilio.TwilioGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * Places a call through the tenant's own Twilio account. No database transaction is held while
 * Twilio is called: the cap slot commits first, the call row after Twilio answers (and if that
 * write were lost, Twilio's status callbacks would still create the row). With an Idempotency-Key
 * the answer commits with the row, and a retry never calls Twilio a second time.
 */
@ApplicationScoped
public class CallDialer {

    private final PaidActionLimiter limiter;
    private final Outbound outbound;
    private final Callbacks callbacks;
    private final TwilioGateway twilio;
    private final CallService calls;
    private final IdempotentRequest idempotency;

    CallDialer(
            PaidActionLimiter limiter,
            Outbound outbound,
            Callbacks callbacks,
            TwilioGateway twilio,
            CallService calls,
            IdempotentRequest idempotency) {
        this.limiter = limiter;
        this.outbound = outbound;
        this.callbacks = callbacks;
        this.twilio = twilio;
        this.calls = calls;
        this.idempotency = idempotency;
    }

    /**
     * Places the call and records it; {@code answer} is the HTTP answer for the recorded call. A
     * retry whose earlier attempt reached Twilio and then died records the call Twilio reported for
     * it instead of placing another.
     */
    public Response dial(DialRequest request, Function<CallView, Response> answer) {
        TwilioGateway.PlacedCall placed = idempotency
                .earlierRemoteSid()
                .map(sid -> new TwilioGateway.PlacedCall(sid, null, null, request.to()))
                .orElseGet(() -> place(request));
        return idempotency.commit(() -> answer.apply(calls.recordPlaced(placed)));
    }

    private TwilioGateway.PlacedCall place(DialRequest request) {
        limiter.takeSlot();
        Outbound.Prepared prepared = outbound.prepare(request.from());
        String voiceUrl = callbacks.url(prepared.customDomain(), Callbacks.VOICE);
        String statusUrl = callbacks.statusUrl(prepared.customDomain(), Callbacks.CALL_STATUS, idempotency.claimId());
        idempotency.remoteStarts();
        return twilio.placeCall(prepared.credentials(), request.to(), prepared.from(), voiceUrl, statusUrl);
    }
}
