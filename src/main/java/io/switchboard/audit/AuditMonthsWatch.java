package io.switchboard.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Keeps watching, after the start, how many months of the audit trail have their partition: the
 * pods never hold the owner login that makes months, so a deployment that runs for a long time
 * without a migration would otherwise learn of it only when every audited write fails at the turn
 * of a month. Published as {@code switchboard_audit_partitions_months_ready} (alert below 3) and
 * said in the log, as {@link AuditPartitionsCheck} says it at a start.
 */
@ApplicationScoped
class AuditMonthsWatch {

    private static final Logger LOG = Logger.getLogger(AuditMonthsWatch.class);

    private final EntityManager entityManager;
    /** -1 until first read. */
    private final AtomicInteger monthsReady = new AtomicInteger(-1);

    AuditMonthsWatch(EntityManager entityManager, MeterRegistry registry) {
        this.entityManager = entityManager;
        Gauge.builder("switchboard.audit.partitions.months.ready", monthsReady, AtomicInteger::get)
                .description("Months from this one on whose audit trail partition exists (-1: not read yet)")
                .register(registry);
    }

    @Scheduled(every = "6h", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        int months = QuarkusTransaction.requiringNew()
                .call(() -> Jdbc.first(entityManager, "SELECT audit_partitions_months_ready()", Integer.class)
                        .orElse(0));
        monthsReady.set(months);
        if (months < 2) {
            LOG.errorf(
                    "The audit trail has %s; audited writes will fail. Run the migration with the owner login"
                            + " (docs/DATABASE.md).",
                    months == 0 ? "no partition for this month" : "no partition for next month");
        } else if (months < 3) {
            LOG.warnf(
                    "The audit trail has partitions for only %d months from now on; run the migration with the"
                            + " owner login (docs/DATABASE.md).",
                    months);
        }
    }

    int monthsReady() {
        return monthsReady.get();
    }
}
