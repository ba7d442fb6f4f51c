package io.switchboard.twilio;

import io.switchboard.common.ApiException;
import java.util.Map;

/**
 * Twilio refused or could not be reached: 502 with Twilio's own error code and message (so the
 * tenant can look it up), or 504 when Twilio did not answer in time. Only a 504 leaves it unknown
 * whether Twilio acted; every other failure here means it did not.
 */
public class TwilioFailure extends ApiException {

    /** The problem member that carries Twilio's error code. */
    public static final String TWILIO_CODE = "twilioCode";

    private TwilioFailure(int status, String title, String detail, Integer twilioCode) {
        super(status, title, detail, null, twilioCode == null ? null : Map.of(TWILIO_CODE, twilioCode), null);
    }

    static TwilioFailure refused(Integer code, String message) {
        return new TwilioFailure(
                502,
                "Bad Gateway",
                "Twilio refused the request" + (code == null ? "" : " (error " + code + ")") + ": " + message,
                code);
    }

    static TwilioFailure unreachable(String reason) {
        return new TwilioFailure(
                502, "Bad Gateway", "Twilio could not be reached, so nothing was sent: " + reason, null);
    }

    static TwilioFailure timedOut() {
        return new TwilioFailure(
                504,
                "Gateway Timeout",
                "Twilio did not answer in time; it may have acted."
                        + " Check the resource list (or the Idempotency-Key) before trying again",
                null);
    }

    static TwilioFailure answerLost(String reason) {
        return new TwilioFailure(
                502,
                "Bad Gateway",
                "Twilio's answer was lost (" + reason + "); it may have acted."
                        + " Check the resource list (or the Idempotency-Key) before trying again",
                null);
    }

    static TwilioFailure acceptedWithoutSid() {
        return new TwilioFailure(
                502,
                "Bad Gateway",
                "Twilio accepted the request but its answer carried no SID;"
                        + " the call or message may exist in Twilio. Do not retry blindly",
                null);
    }
}
