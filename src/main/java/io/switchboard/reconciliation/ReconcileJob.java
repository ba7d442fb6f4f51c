package io.switchboard.reconciliation;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.reconciliation.Reconciler.Outcome;
import io.switchboard.reconciliation.Reconciler.Result;
import io.switchboard.tenant.TenantDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * When reconciliation runs: on every instance's schedule, over the tenants due (leases keep two
 * instances off one tenant), and on an operator's request, soon, on the instance that took it.
 *
 * <p>Fairness: each due tenant gets one run with a bounded number of Twilio requests per round;
 * only then do tenants with more to read get another round, for as long as the period allows. A
 * huge account therefore takes several rounds (or periods) to catch up, while every other tenant
 * is reconciled every period.
 */
@ApplicationScoped
public class ReconcileJob {

    private static final Logger LOG = Logger.getLogger(ReconcileJob.class);
    private static final Duration PERIOD_WHEN_OFF = Duration.ofMinutes(10);
    private static final int MAX_TENANTS_PER_ROUND = 10_000;
    /** An operator's request runs until its pass completes, within this many runs. */
    private static final int MAX_RUNS_ON_REQUEST = 1_000;

    /** What one scheduled round did, by outcome. */
    public record Summary(Map<Outcome, Integer> outcomes) {}

    private final ReconcileConfig config;
    private final TenantDirectory directory;
    private final Reconciler reconciler;
    private final ExecutorService workers;
    /** Tenants this instance is reconciling now: a second request for one is already served. */
    private final Set<UUID> inHand = ConcurrentHashMap.newKeySet();

    ReconcileJob(ReconcileConfig config, TenantDirectory directory, Reconciler reconciler) {
        this.config = config;
        this.directory = directory;
        this.reconciler = reconciler;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.parallelism(), work -> {
            Thread thread = new Thread(work, "reconcile-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(
            identity = "reconcile-tenants",
            every = "${switchboard.reconcile.every}",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        Summary summary = reconcileDue();
        if (!summary.outcomes().isEmpty()) {
            LOG.infof("Reconciliation round: %s", summary.outcomes());
        }
    }

    /**
     * Reconciles every tenant due now, round after round for those with more to read, until none
     * has or the period is nearly over.
     */
    public Summary reconcileDue() {
        Duration period = config.period().orElse(PERIOD_WHEN_OFF);
        Instant deadline = Instant.now().plus(period.multipliedBy(8).dividedBy(10));
        Map<Outcome, Integer> outcomes = new LinkedHashMap<>();
        List<UUID> round = directory.tenantsToReconcile(
                Instant.now().minus(period.multipliedBy(9).dividedBy(10)), MAX_TENANTS_PER_ROUND);
        while (!round.isEmpty()) {
            List<UUID> again = new ArrayList<>();
            Map<UUID, Future<Result>> running = new LinkedHashMap<>();
            for (UUID tenantId : round) {
                if (inHand.add(tenantId)) {
                    running.put(tenantId, workers.submit(() -> runHeld(tenantId)));
                }
            }
            for (Map.Entry<UUID, Future<Result>> run : running.entrySet()) {
                Result result = await(run.getValue());
                outcomes.merge(result.outcome(), 1, Integer::sum);
                if (result.outcome() == Outcome.PARTIAL || result.askedAgain()) {
                    again.add(run.getKey());
                }
            }
            round = Instant.now().isBefore(deadline) ? again : List.of();
        }
        return new Summary(outcomes);
    }

    /**
     * An operator's request: reconciles the tenant on this instance soon, run after run until its
     * pass completes. If another instance holds the tenant, that instance answers the request when
     * its run ends.
     */
    public void runSoon(UUID tenantId) {
        if (!inHand.add(tenantId)) {
            // A run on this instance is under way; it sees the request when it ends.
            return;
        }
        workers.submit(() -> {
            try {
                for (int runs = 0; runs < MAX_RUNS_ON_REQUEST; runs++) {
                    Result result = reconciler.reconcile(tenantId);
                    if (result.outcome() != Outcome.PARTIAL && !result.askedAgain()) {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Reconciliation asked for tenant %s failed", tenantId);
            } finally {
                inHand.remove(tenantId);
            }
        });
    }

    private Result runHeld(UUID tenantId) {
        try {
            return reconciler.reconcile(tenantId);
        } finally {
            inHand.remove(tenantId);
        }
    }

    private static Result await(Future<Result> run) {
        try {
            return run.get();
        } catch (ExecutionException e) {
            LOG.error("A reconciliation run failed", e.getCause());
            return new Result(Outcome.FAILED, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.FAILED, false);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
