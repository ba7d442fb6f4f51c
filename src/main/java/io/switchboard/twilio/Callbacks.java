package io.switchboard.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Every URL Switchboard hands to Twilio (dial Url and StatusCallback, message StatusCallback, TwiML
 * recordingStatusCallback and action) is built here: on the tenant's custom domain when it has one, else on
 * {@code SWITCHBOARD_PUBLIC_BASE_URL}. Never from a request's Host or forwarded headers, which a
 * caller controls: a forged Host would otherwise point Twilio at an attacker's TwiML and hide the
 * call's status from us.
 */
@ApplicationScoped
public class Callbacks {

    public static final String VOICE = "/webhooks/twilio/voice";
    public static final String CALL_STATUS = "/webhooks/twilio/call-status";
    public static final String RECORDING_STATUS = "/webhooks/twilio/recording-status";
    public static final String MESSAGE_STATUS = "/webhooks/twilio/message-status";

    /**
     * Twilio's webhook connection overrides, appended to every callback URL as its fragment: by
     * default Twilio retries a callback only when it cannot connect, once, so a callback answered
     * 503 during a database outage, or timed out behind a proxy, is gone. These ask for 5 retries
     * on a failed connection, a read timeout or a 5xx (never on a 4xx: a refused signature stays
     * refused), connecting within 3 s, an answer within 6 s, all within Twilio's 15 s maximum.
     * Twilio does not send the fragment; whether it signs it is not documented, so the webhook
     * gate accepts a signature over the URL with or without exactly this fragment.
     */
    public static final String CONNECTION_OVERRIDES = "#rc=5&rp=ct,rt,5xx&ct=3000&rt=6000&tt=15000";

    /**
     * The query parameter that tags the status callback of a request sent with an Idempotency-Key
     * with its claim: Twilio's report then says which keyed request created the call or message,
     * even when the service died before it recorded Twilio's answer (docs/RELIABILITY.md).
     */
    public static final String CLAIM = "claim";

    private final String publicBase;

    Callbacks(CallbackConfig config) {
        this.publicBase = config.baseUrl().map(Callbacks::withoutTrailingSlash).orElse(null);
    }

    /**
     * The absolute URL of a webhook path for a tenant with the given custom domain (or none), with
     * the connection overrides that ask Twilio to retry.
     */
    public String url(String customDomain, String path) {
        return base(customDomain) + path + CONNECTION_OVERRIDES;
    }

    /**
     * A status callback URL, tagged with the request's Idempotency-Key claim when it has one (the
     * query before the connection overrides' fragment, as a URL has them).
     */
    public String statusUrl(String customDomain, String path, Optional<UUID> claim) {
        return base(customDomain)
                + path
                + claim.map(id -> "?" + CLAIM + "=" + id).orElse("")
                + CONNECTION_OVERRIDES;
    }

    private String base(String customDomain) {
        if (customDomain != null) {
            return "https://" + customDomain;
        }
        if (publicBase == null) {
            throw new IllegalStateException(CallbackConfig.VARIABLE + " is not set, so Twilio cannot be told where"
                    + " to call back; set it to the https:// base at which Twilio reaches this service");
        }
        return publicBase;
    }

    private static String withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
