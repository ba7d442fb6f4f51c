package io.switchboard.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Dashboard login settings. */
@ConfigMapping(prefix = "switchboard.auth")
public interface AuthConfig {

    /** How long a dashboard login (and its JWT) lasts. */
    @WithDefault("8H")
    Duration sessionDuration();

    /** Consecutive failed logins after which an account is locked. */
    @WithDefault("5")
    int maxFailedLogins();

    /** How long a locked account stays locked. */
    @WithDefault("15M")
    Duration lockout();

    /** API keys record their last use at most this often, so requests do not each write. */
    @WithDefault("1M")
    Duration apiKeyUsageResolution();
}
