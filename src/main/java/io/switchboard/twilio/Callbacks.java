package io.switchboard.twilio;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * Every URL Switchboard hands to Twilio (dial Url and StatusCallback, message StatusCallback, TwiML
 * recordingStatusCallback) is built here: on the tenant's custom domain when it has one, else on
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
     * The query parameter that tags the status callback of a request sent with an Idempotency-Key
     * with its claim: Twilio's report then says which keyed request created the call or message,
     * even when the service died before it recorded Twilio's answer (docs/RELIABILITY.md).
     */
    public static final String CLAIM = "claim";

    private final String publicBase;

    Callbacks(CallbackConfig config) {
        this.publicBase = config.baseUrl().map(Callbacks::withoutTrailingSlash).orElse(null);
    }

    /** The absolute URL of a webhook path for a tenant with the given custom domain (or none). */
    public String url(String customDomain, String path) {
        return base(customDomain) + path;
    }

    /** A status callback URL, tagged with the request's Idempotency-Key claim when it has one. */
    public String statusUrl(String customDomain, String path, Optional<UUID> claim) {
        return url(customDomain, path) + claim.map(id -> "?" + CLAIM + "=" + id).orElse("");
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
