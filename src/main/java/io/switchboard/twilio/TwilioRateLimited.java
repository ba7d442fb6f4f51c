package io.switchboard.twilio;

import java.time.Duration;

/** Twilio answered 429: this many seconds (its Retry-After, or a default) before asking again. */
public class TwilioRateLimited extends RuntimeException {

    private final Duration retryAfter;

    TwilioRateLimited(Duration retryAfter) {
        super("Twilio asked to slow down for " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
