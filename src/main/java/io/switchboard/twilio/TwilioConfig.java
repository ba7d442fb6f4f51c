package io.switchboard.twilio;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Switchboard reaches Twilio's REST API. */
@ConfigMapping(prefix = "switchboard.twilio")
public interface TwilioConfig {

    String TWILIO_API = "https://api.twilio.com";

    /** SWITCHBOARD_TWILIO_API_BASE_URL: Twilio's own API unless pointed elsewhere (a test double). */
    @WithDefault(TWILIO_API)
    String apiBaseUrl();

    @WithDefault("3S")
    Duration connectTimeout();

    /** Longest wait for Twilio's answer; a paid action is never retried automatically after it. */
    @WithDefault("10S")
    Duration responseTimeout();
}
