package io.switchboard.idempotency;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Deletes keys past their 24 hours, on every instance (each run takes what is expired; two
 * instances at once only share the work). In batches, each its own short transaction, so a large
 * backlog never holds many rows locked at once.
 */
@ApplicationScoped
class ExpiredKeys {

    private static final int BATCH = 1000;
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final EntityManager entityManager;

    ExpiredKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Scheduled(every = "15m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        prune();
    }

    /** Deletes expired keys of every tenant; returns how many. */
    int prune() {
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            int deleted = QuarkusTransaction.requiringNew()
                    .call(() -> Jdbc.first(entityManager, "SELECT idempotency_prune(?)", Integer.class, BATCH)
                            .orElse(0));
            total += deleted;
            if (deleted < BATCH) {
                break;
            }
        }
        return total;
    }
}
