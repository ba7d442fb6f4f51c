package io.switchboard.event;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Events older than the retention (30 days by default) go, with their deliveries and attempts, in
 * batches so no one statement holds many locks. Every instance runs it; what one deleted, the
 * others find gone.
 */
@ApplicationScoped
class EventPruner {

    private static final Logger LOG = Logger.getLogger(EventPruner.class);
    private static final int BATCH = 5_000;

    private final TenantDirectory directory;
    private final EventsConfig config;

    EventPruner(TenantDirectory directory, EventsConfig config) {
        this.directory = directory;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        int pruned = prune(Instant.now().minus(config.retention()));
        if (pruned > 0) {
            LOG.infof("Pruned %d events older than %s", pruned, config.retention());
        }
    }

    /** Deletes the events created before {@code before}; how many. */
    int prune(Instant before) {
        int total = 0;
        for (int batch = directory.pruneEvents(before, BATCH); ; batch = directory.pruneEvents(before, BATCH)) {
            total += batch;
            if (batch < BATCH) {
                return total;
            }
        }
    }
}
