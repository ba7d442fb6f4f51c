package io.switchboard.message;

import io.switchboard.idempotency.IdempotentRequest;
import io.switchboard.twilio.Callbacks;
import io.switchboard.twilio.Outbound;
import io.switchboard.twilio.PaidActionLimiter;
import io.switchboard.twilio.TwilioGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;

/**
 * Sends an SMS through the tenant's own Twilio account, in the same steps as a call is placed (see
 * CallDialer): the cap slot commits first, no transaction is held while Twilio is called, and the
 * message row is written after Twilio answers (its status callback would create it otherwise),
 * with the answer kept for replay when the request carries an Idempotency-Key.
 */
@ApplicationScoped
public class MessageSender {

    private final PaidActionLimiter limiter;
    private final Outbound outbound;
    private final Callbacks callbacks;
    private final TwilioGateway twilio;
    private final MessageService messages;
    private final IdempotentRequest idempotency;

    MessageSender(
            PaidActionLimiter limiter,
            Outbound outbound,
            Callbacks callbacks,
            TwilioGateway twilio,
            MessageService messages,
            IdempotentRequest idempotency) {
        this.limiter = limiter;
        this.outbound = outbound;
        this.callbacks = callbacks;
        this.twilio = twilio;
        this.messages = messages;
        this.idempotency = idempotency;
    }

    /**
     * Sends the message and records it; {@code answer} is the HTTP answer for the recorded message.
     * A retry whose earlier attempt reached Twilio and then died records the message Twilio
     * reported for it (with this request's body, which is the earlier one's) instead of sending again.
     */
    public Response send(SendMessageRequest request, Function<MessageView, Response> answer) {
        TwilioGateway.SentMessage sent = idempotency
                .earlierRemoteSid()
                .map(sid -> new TwilioGateway.SentMessage(sid, null, null, request.to(), null))
                .orElseGet(() -> sendNow(request));
        return idempotency.commit(() -> answer.apply(messages.recordSent(sent, request.body())));
    }

    private TwilioGateway.SentMessage sendNow(SendMessageRequest request) {
        limiter.takeSlot();
        Outbound.Prepared prepared = outbound.prepare(request.from());
        String statusUrl =
                callbacks.statusUrl(prepared.customDomain(), Callbacks.MESSAGE_STATUS, idempotency.claimId());
        idempotency.remoteStarts();
        return twilio.sendMessage(prepared.credentials(), request.to(), prepared.from(), request.body(), statusUrl);
    }
}
