package io.switchboard.call;

import io.switchboard.twilio.Callbacks;
import io.switchboard.twilio.Outbound;
import io.switchboard.twilio.PaidActionLimiter;
import io.switchboard.twilio.TwilioGateway;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Places a call through the tenant's own Twilio account. No database transaction is held while
 * Twilio is called: the cap slot commits first, the call row after Twilio answers (and if that
 * write were lost, Twilio's status callbacks would still create the row).
 */
@ApplicationScoped
public class CallDialer {

    private final PaidActionLimiter limiter;
    private final Outbound outbound;
    private final Callbacks callbacks;
    private final TwilioGateway twilio;
    private final CallService calls;

    CallDialer(
            PaidActionLimiter limiter,
            Outbound outbound,
            Callbacks callbacks,
            TwilioGateway twilio,
            CallService calls) {
        this.limiter = limiter;
        this.outbound = outbound;
        this.callbacks = callbacks;
        this.twilio = twilio;
        this.calls = calls;
    }

    public CallView dial(DialRequest request) {
        limiter.takeSlot();
        Outbound.Prepared prepared = outbound.prepare(request.from());
        TwilioGateway.PlacedCall placed = twilio.placeCall(
                prepared.credentials(),
                request.to(),
                prepared.from(),
                callbacks.url(prepared.customDomain(), Callbacks.VOICE),
                callbacks.url(prepared.customDomain(), Callbacks.CALL_STATUS));
        return calls.recordPlaced(placed);
    }
}
