package io.switchboard.reconciliation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * What reconciliation does, on {@code /q/metrics}: rows it recovered (created) or completed
 * (updated) per resource, runs by outcome, their duration, and Twilio's answers to it. Rows
 * recovered should stay near zero while webhooks arrive; a rise means callbacks are being lost.
 */
@ApplicationScoped
class ReconcileMetrics {

    private final MeterRegistry registry;
    private final Timer duration;

    ReconcileMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("switchboard.reconcile.duration")
                .description("Time of one tenant's reconciliation run")
                .register(registry);
    }

    void rows(Resource resource, SyncLedger.Counts counts) {
        if (counts.created() > 0) {
            rowCounter(resource, "created").increment(counts.created());
        }
        if (counts.updated() > 0) {
            rowCounter(resource, "updated").increment(counts.updated());
        }
    }

    void run(Reconciler.Outcome outcome, Duration took) {
        Counter.builder("switchboard.reconcile.runs")
                .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .description("Tenant reconciliation runs by outcome (failed: see the tenant's sync state)")
                .register(registry)
                .increment();
        duration.record(took);
    }

    void twilioAnswer(String answer) {
        Counter.builder("switchboard.reconcile.twilio.requests")
                .tag("answer", answer)
                .description("Pages asked of Twilio's REST API by reconciliation, by answer")
                .register(registry)
                .increment();
    }

    private Counter rowCounter(Resource resource, String change) {
        return Counter.builder("switchboard.reconcile.rows")
                .tag("resource", resource.wire())
                .tag("change", change)
                .description("Rows reconciliation wrote that no webhook had: created, or brought up to date")
                .register(registry);
    }
}
