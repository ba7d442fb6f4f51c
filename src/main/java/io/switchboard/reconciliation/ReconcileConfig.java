package io.switchboard.reconciliation;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Optional;

/** How reconciliation reads tenants' records back from Twilio (SWITCHBOARD_RECONCILE_*). */
@ConfigMapping(prefix = "switchboard.reconcile")
public interface ReconcileConfig {

    /**
     * SWITCHBOARD_RECONCILE_EVERY: how often each instance looks for tenants due, and how often a
     * tenant is due; {@code off} switches the schedule off (on-demand runs still work). Read by the
     * scheduler as written. A tenant reconciled more recently than this is not due yet.
     */
    @WithDefault("10m")
    String every();

    /** The schedule's period, empty when it is switched off. */
    default Optional<Duration> period() {
        String every = every().trim();
        if (every.equalsIgnoreCase("off") || every.equalsIgnoreCase("disabled")) {
            return Optional.empty();
        }
        return Optional.of(DurationConverter.parseDuration(every));
    }

    /**
     * How far before the watermark a pass starts again: Twilio's lists show a record some time after
     * it happened, and a record read twice is written once.
     */
    @WithDefault("30m")
    Duration overlap();

    /** A tenant's first pass reads this far back. */
    @WithDefault("24h")
    Duration firstWindow();

    /** The oldest {@code since} an operator may ask for (Twilio keeps call logs for 13 months). */
    @WithDefault("400d")
    Duration maxBackfill();

    /**
     * Requests to Twilio per tenant per run. A bigger account carries on where it stopped in the
     * next run, after every other due tenant had its turn.
     */
    @WithDefault("60")
    @Min(1)
    @Max(10_000)
    int requestsPerRun();

    /** Records per page (Twilio allows up to 1000). */
    @WithDefault("200")
    @Min(1)
    @Max(1000)
    int pageSize();

    /** How long a claim on a tenant lasts unless renewed (each page renews it). */
    @WithDefault("5m")
    Duration lease();

    /** The longest Retry-After waited for within a run; a longer one ends the tenant's run. */
    @WithDefault("30s")
    Duration maxRetryAfter();

    /**
     * How long a record Twilio shows still open (a call in progress, an SMS not yet delivered) holds
     * the watermark back, so its final status is read again on later passes.
     */
    @WithDefault("6h")
    Duration holdOpenFor();

    /** Tenants reconciled at once by one instance. */
    @WithDefault("2")
    @Min(1)
    @Max(32)
    int parallelism();
}
