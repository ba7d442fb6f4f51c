package io.switchboard.twilio;

import io.quarkus.runtime.LaunchMode;
import io.switchboard.common.StartupCheck;
import io.switchboard.common.StartupRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/**
 * Production needs the https:// base at which Twilio reaches this service: every callback URL
 * handed to Twilio is built from it (or a tenant's custom domain), never from request headers.
 */
@ApplicationScoped
class PublicBaseUrlCheck implements StartupCheck {

    private final CallbackConfig config;

    PublicBaseUrlCheck(CallbackConfig config) {
        this.config = config;
    }

    @Override
    public Stage stage() {
        return Stage.CONFIGURATION;
    }

    @Override
    public void check() {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        URI base = config.baseUrl()
                .orElseThrow(() -> new StartupRefusal(CallbackConfig.VARIABLE
                        + " is not set: give it the https:// base at which Twilio reaches this service,"
                        + " e.g. https://switchboard.example.com"));
        if (!"https".equals(base.getScheme())
                || base.getHost() == null
                || base.getQuery() != null
                || base.getFragment() != null) {
            throw new StartupRefusal(CallbackConfig.VARIABLE + " must be an https:// URL with a host and no query,"
                    + " e.g. https://switchboard.example.com (it was " + base + ")");
        }
    }
}
