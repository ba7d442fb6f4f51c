package io.switchboard.twilio;

import io.switchboard.common.ApiException;
import io.switchboard.idempotency.RemoteFailure;
import java.util.Map;

/**
 * Twilio refused or could not be reached: 502 with Twilio's own error code and message (so the
 * tenant can look it up), or 504 when Twilio did not answer in time. Only a 504 leaves it unknown
 * whether Twilio acted; every other failure here means it did not.
 */
public class TwilioFailure extends ApiException implements RemoteFailure {

    /** The problem member that carries Twilio's error code. */
    public static final String TWILIO_CODE = "twilioCode";

    /** What a client can do when it cannot know whether a call or message exists. */
    private static final String MAY_HAVE_ACTED = " Do not retry blindly: a retry with the same Idempotency-Key"
            + " answers what Twilio did once Twilio reports it, and never sends again; without a key, check the"
            + " list before trying again";

    private final boolean mayHaveActed;

    private TwilioFailure(int status, String title, String detail, Integer twilioCode, boolean mayHaveActed) {
        super(status, title, detail, null, twilioCode == null ? null : Map.of(TWILIO_CODE, twilioCode), null);
        this.mayHaveActed = mayHaveActed;
    }

    /** Whether Twilio may have created the call or message despite this failure (see the class comment). */
    @Override
    public boolean mayHaveActed() {
        return mayHaveActed;
    }

    static TwilioFailure refused(Integer code, String message) {
        return new TwilioFailure(
                502,
                "Bad Gateway",
                "Twilio refused the request" + (code == null ? "" : " (error " + code + ")") + ": " + message,
                code,
                false);
    }

    static TwilioFailure unreachable(String reason) {
        return new TwilioFailure(
                502, "Bad Gateway", "Twilio could not be reached, so nothing was sent: " + reason, null, false);
    }

    static TwilioFailure timedOut() {
        return new TwilioFailure(
                504,
                "Gateway Timeout",
                "Twilio did not answer in time; it may have acted." + MAY_HAVE_ACTED,
                null,
                true);
    }

    static TwilioFailure answerLost(String reason) {
        return new TwilioFailure(
                502,
                "Bad Gateway",
                "Twilio's answer was lost (" + reason + "); it may have acted." + MAY_HAVE_ACTED,
                null,
                true);
    }

    static TwilioFailure acceptedWithoutSid() {
        return new TwilioFailure(
                502,
                "Bad Gateway",
                "Twilio accepted the request but its answer carried no SID;"
                        + " the call or message may exist in Twilio." + MAY_HAVE_ACTED,
                null,
                true);
    }

    /** A recording's audio could not be fetched from Twilio (a GET: nothing was changed anywhere). */
    static TwilioFailure mediaUnavailable(String reason) {
        return new TwilioFailure(
                502, "Bad Gateway", "The recording's audio could not be fetched from Twilio: " + reason, null, false);
    }
}
