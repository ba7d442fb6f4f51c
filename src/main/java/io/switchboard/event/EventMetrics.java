package io.switchboard.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events on {@code /q/metrics}: created by type, deliveries by outcome and their duration,
 * endpoints disabled, and the delivery lag (the age of the oldest event whose delivery is due and
 * not done: it grows when receivers fail or the workers fall behind).
 */
@ApplicationScoped
class EventMetrics {

    private final MeterRegistry registry;
    private final Timer sendTime;
    private final AtomicLong lagSeconds = new AtomicLong();

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.sendTime = Timer.builder("switchboard.events.delivery.duration")
                .description("Time of one delivery attempt to a tenant's endpoint")
                .register(registry);
        Gauge.builder("switchboard.events.delivery.lag.seconds", lagSeconds, AtomicLong::get)
                .description("Age of the oldest event with a delivery due and not done")
                .register(registry);
    }

    void created(EventType type) {
        Counter.builder("switchboard.events.created")
                .tag("type", type.wire())
                .description("Events written for subscribed endpoints")
                .register(registry)
                .increment();
    }

    void attempt(String outcome, Duration took) {
        Counter.builder("switchboard.events.deliveries")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .description("Delivery attempts by outcome: delivered, retrying, failed (given up), dropped")
                .register(registry)
                .increment();
        sendTime.record(took);
    }

    void endpointDisabled() {
        Counter.builder("switchboard.events.endpoints.disabled")
                .description("Endpoints disabled after failing for days")
                .register(registry)
                .increment();
    }

    void refreshLag(TenantDirectory directory) {
        lagSeconds.set(Math.round(directory.deliveryLagSeconds()));
    }
}
