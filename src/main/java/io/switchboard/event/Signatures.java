package io.switchboard.event;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.util.List;
import java.util.StringJoiner;

/**
 * The Standard Webhooks signature, made by the specification's own Java library rather than by
 * hand: {@code v1,} + base64(HMAC-SHA256(secret, id.timestamp.body)). During a secret rotation the
 * header carries one signature per secret, space-separated, as the specification allows, so a
 * receiver holding either secret verifies the delivery.
 */
final class Signatures {

    private Signatures() {}

    static String header(String eventId, long timestampSeconds, String payload, List<String> secrets) {
        StringJoiner signatures = new StringJoiner(" ");
        for (String secret : secrets) {
            try {
                signatures.add(new Webhook(secret).sign(eventId, timestampSeconds, payload));
            } catch (WebhookSigningException e) {
                throw new IllegalStateException("A stored signing secret is malformed", e);
            }
        }
        return signatures.toString();
    }
}
