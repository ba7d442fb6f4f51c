package io.switchboard.twilio;

import io.switchboard.common.ApiException;

/**
 * Twilio refused or could not be reached: 502 with Twilio's own error code and message (so the
 * tenant can look it up), or 504 when Twilio did not answer in time.
 */
public class TwilioFailure extends ApiException {

    private final Integer twilioCode;

    private TwilioFailure(int status, String title, String detail, Integer twilioCode) {
        super(status, title, detail, null);
        this.twilioCode = twilioCode;
    }

    static TwilioFailure refused(Integer code, String message) {
        return new TwilioFailure(502, "Bad Gateway", "Twilio refused the request"
                + (code == null ? "" : " (error " + code + ")") + ": " + message, code);
    }

    static TwilioFailure unreachable(String reason) {
        return new TwilioFailure(504, "Gateway Timeout", "Twilio did not answer in time: " + reason, null);
    }

    /** Twilio's error code (https://www.twilio.com/docs/api/errors), when Twilio gave one. */
    public Integer twilioCode() {
        return twilioCode;
    }
}
