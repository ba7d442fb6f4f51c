package io.switchboard.message;

import io.switchboard.twilio.Callbacks;
import io.switchboard.twilio.Outbound;
import io.switchboard.twilio.PaidActionLimiter;
import io.switchboard.twilio.TwilioGateway;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends an SMS through the tenant's own Twilio account, in the same steps as a call is placed (see
 * CallDialer): the cap slot commits first, no transaction is held while Twilio is called, and the
 * message row is written after Twilio answers (its status callback would create it otherwise).
 */
@ApplicationScoped
public class MessageSender {

    private final PaidActionLimiter limiter;
    private final Outbound outbound;
    private final Callbacks callbacks;
    private final TwilioGateway twilio;
    private final MessageService messages;

    MessageSender(
            PaidActionLimiter limiter,
            Outbound outbound,
            Callbacks callbacks,
            TwilioGateway twilio,
            MessageService messages) {
        this.limiter = limiter;
        this.outbound = outbound;
        this.callbacks = callbacks;
        this.twilio = twilio;
        this.messages = messages;
    }

    public MessageView send(SendMessageRequest request) {
        limiter.takeSlot();
        Outbound.Prepared prepared = outbound.prepare(request.from());
        TwilioGateway.SentMessage sent = twilio.sendMessage(
                prepared.credentials(),
                request.to(),
                prepared.from(),
                request.body(),
                callbacks.url(prepared.customDomain(), Callbacks.MESSAGE_STATUS));
        return messages.recordSent(sent, request.body());
    }
}
