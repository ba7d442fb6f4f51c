package io.switchboard.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** How events reach tenant apps (SWITCHBOARD_WEBHOOKS_*). */
@ConfigMapping(prefix = "switchboard.webhooks")
public interface EventsConfig {

    /**
     * SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE: lets endpoints be plain http:// and resolve to loopback
     * and private addresses. For dev and tests (receivers on this machine); never in production,
     * where a tenant could otherwise make Switchboard call into its own network.
     */
    @WithDefault("false")
    boolean allowPrivate();

    /** A delivery counts only when the endpoint answers 2xx within this (the whole exchange). */
    @WithDefault("15s")
    Duration timeout();

    @WithDefault("5s")
    Duration connectTimeout();

    /** Deliveries sent at once by one instance; at most one per endpoint at a time. */
    @WithDefault("8")
    @Min(1)
    @Max(256)
    int senders();

    /** How often an idle instance looks for due deliveries. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** How long an endpoint may keep failing before it is disabled. */
    @WithDefault("5d")
    Duration disableAfter();

    /** Events, their deliveries and attempts are kept this long. */
    @WithDefault("30d")
    Duration retention();
}
