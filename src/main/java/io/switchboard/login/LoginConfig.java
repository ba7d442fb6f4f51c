package io.switchboard.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Dashboard logins: how long they last, and how failed attempts are throttled. */
@ConfigMapping(prefix = "switchboard.login")
public interface LoginConfig {

    /** How long a dashboard login (and its JWT) lasts. */
    @WithDefault("8H")
    Duration sessionDuration();

    /** Attempts one address may make on one account within a window before that pair is locked. */
    @WithDefault("5")
    int attemptsPerAccountAndAddress();

    /** Attempts one address may make on any accounts within a window before the address is locked. */
    @WithDefault("30")
    int attemptsPerAddress();

    @WithDefault("15M")
    Duration throttleWindow();

    /** How long a locked pair or address stays locked. */
    @WithDefault("15M")
    Duration lockout();
}
