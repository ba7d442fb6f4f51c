package io.switchboard.event;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.switchboard.common.InstanceName;
import io.switchboard.tenant.TenantDirectory;
import io.switchboard.tenant.TenantDirectory.ClaimedDelivery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Sends due deliveries, on every instance: a loop claims as many as it has free senders (at most
 * one per endpoint at a time, across all instances, rows another instance is claiming skipped),
 * hands each to a sender thread, and looks again as soon as one is free, or after the poll
 * interval when there was nothing to do. A slow endpoint holds one sender for at most the timeout;
 * the others go on with other endpoints.
 */
@ApplicationScoped
class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
    /** A claim outlives the attempt's timeout, so only a dead instance's claims run out. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);

    private final TenantDirectory directory;
    private final DeliveryAttempts attempts;
    private final EventMetrics metrics;
    private final EventsConfig config;
    private final String instance;
    private final Semaphore freeSenders;
    private final ExecutorService senders;
    private volatile boolean running;
    private Thread loop;

    DeliveryWorker(TenantDirectory directory, DeliveryAttempts attempts, EventMetrics metrics, EventsConfig config) {
        this.directory = directory;
        this.attempts = attempts;
        this.metrics = metrics;
        this.config = config;
        this.instance = InstanceName.get();
        this.freeSenders = new Semaphore(config.senders());
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(config.senders(), work -> {
            Thread thread = new Thread(work, "event-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(@Observes StartupEvent started) {
        running = true;
        loop = new Thread(this::loop, "event-delivery");
        loop.setDaemon(true);
        loop.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (loop != null) {
            loop.interrupt();
        }
        senders.shutdown();
        try {
            // Attempts under way finish (and are recorded) within the timeout; later ones wait for another instance.
            senders.awaitTermination(config.timeout().toSeconds() + 5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Scheduled(every = "15s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshLag() {
        try {
            metrics.refreshLag(directory);
        } catch (RuntimeException e) {
            LOG.debug("Delivery lag not measured", e);
        }
    }

    private void loop() {
        while (running) {
            try {
                int claimed = claimAndSend(instance);
                if (claimed == 0) {
                    Thread.sleep(config.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database is down, most likely: the deliveries wait in it; try again shortly.
                LOG.debugf(e, "Claiming deliveries failed");
                try {
                    Thread.sleep(Math.max(1000, config.pollInterval().toMillis()));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * Claims as many due deliveries as there are free senders, as {@code owner}, and starts them;
     * how many it claimed. Tests call it as other instances would.
     */
    int claimAndSend(String owner) throws InterruptedException {
        freeSenders.acquire();
        int free = 1 + freeSenders.drainPermits();
        List<ClaimedDelivery> claims;
        try {
            claims = directory.claimDeliveries(owner, config.timeout().plus(CLAIM_MARGIN), free);
        } catch (RuntimeException e) {
            freeSenders.release(free);
            throw e;
        }
        freeSenders.release(free - claims.size());
        for (ClaimedDelivery claim : claims) {
            senders.execute(() -> {
                try {
                    attempts.run(claim, owner);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Delivery %s of tenant %s failed unexpectedly", claim.deliveryId(), claim.tenantId());
                } finally {
                    freeSenders.release();
                }
            });
        }
        return claims.size();
    }

    /** Waits until every attempt this instance started has ended (tests). */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (freeSenders.availablePermits() < config.senders()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
