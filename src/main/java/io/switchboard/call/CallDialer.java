package io.switchboard.call;

import io.switchboard.twilio.Outbound;
import io.switchboard.twilio.PaidActionLimiter;
import io.switchboard.twilio.TwilioGateway;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Places a call through the tenant's own Twilio account. No database transaction is held while
 * Twilio is called: the cap slot commits first, the call row after Twilio answers (and if that
 * write were lost, Twilio's status callbacks would still create the row).
 */
@ApplicationScoped
public class CallDialer {

    static final String VOICE_WEBHOOK = "/webhooks/twilio/voice";
    static final String STATUS_WEBHOOK = "/webhooks/twilio/call-status";

    private final PaidActionLimiter limiter;
    private final Outbound outbound;
    private final TwilioGateway twilio;
    private final CallService calls;

    CallDialer(PaidActionLimiter limiter, Outbound outbound, TwilioGateway twilio, CallService calls) {
        this.limiter = limiter;
        this.outbound = outbound;
        this.twilio = twilio;
        this.calls = calls;
    }

    public CallView dial(DialRequest request, HttpServerRequest http) {
        limiter.takeSlot();
        Outbound.Prepared prepared = outbound.prepare(request.from(), http);
        TwilioGateway.PlacedCall placed = twilio.placeCall(prepared.credentials(), request.to(), prepared.from(),
                prepared.callbackBase() + VOICE_WEBHOOK, prepared.callbackBase() + STATUS_WEBHOOK);
        return calls.recordPlaced(placed);
    }
}
