package io.switchboard.twilio;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.util.Optional;

/** Where Twilio reaches this service: {@code SWITCHBOARD_PUBLIC_BASE_URL}. */
@ConfigMapping(prefix = "switchboard.public")
public interface CallbackConfig {

    String VARIABLE = "SWITCHBOARD_PUBLIC_BASE_URL";

    /** The https:// base at which Twilio reaches the webhooks; required in production. */
    Optional<URI> baseUrl();
}
