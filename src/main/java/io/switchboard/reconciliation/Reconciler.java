package io.switchboard.reconciliation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.InstanceName;
import io.switchboard.crypto.UndecryptableSecretException;
import io.switchboard.reconciliation.SyncLedger.Claim;
import io.switchboard.reconciliation.SyncLedger.Pass;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.TenantContext;
import io.switchboard.tenant.TenantSecrets;
import io.switchboard.tenant.TwilioCredentials;
import io.switchboard.twilio.TwilioRateLimited;
import io.switchboard.twilio.TwilioReadFailure;
import io.switchboard.twilio.TwilioRecords;
import io.switchboard.twilio.TwilioRecords.Batch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One tenant's reconciliation run: claims the tenant, reads its calls, then recordings, then
 * messages from Twilio over the pass's window, page by page, and writes each page through the
 * webhooks' own upserts in one transaction with the pass's new position. A run stops when the pass
 * is complete, when its request budget is spent (the next run carries on from the same page), when
 * Twilio asks to wait longer than a run may, or on an error, which is recorded for the tenant.
 *
 * <p>The window of a new pass is [watermark - overlap, now) (the last 24 hours the first time, or
 * from the {@code since} an operator asked for). When the pass completes, the watermark moves to
 * its end, or to the start of the earliest record Twilio still showed open (a call in progress, an
 * SMS not yet delivered), so that record's final status is read on the next pass too.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    /** How a run ended. */
    public enum Outcome {
        /** The pass is complete; the watermark moved. */
        COMPLETED,
        /** The run's request budget is spent; the next run carries on. */
        PARTIAL,
        /** Twilio asked to wait longer than a run may; the next run carries on. */
        RATE_LIMITED,
        /** An error ended the run; it is recorded in the tenant's sync state. */
        FAILED,
        /** Another instance holds the tenant, or took it over during the run. */
        BUSY
    }

    /** A run's outcome, and whether an operator asked for another pass while it ran. */
    public record Result(Outcome outcome, boolean askedAgain) {}

    /** The lease was taken over while this run worked: its last page is rolled back. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("The tenant's reconciliation lease was taken over", null, false, false);
        }
    }

    private final ReconcileConfig config;
    private final TenantContext tenantContext;
    private final TenantSecrets secrets;
    private final TwilioRecords twilio;
    private final SyncLedger ledger;
    private final PageWriter pages;
    private final ReconcileMetrics metrics;
    /** This instance's name on the leases it holds. */
    private final String instance;

    Reconciler(
            ReconcileConfig config,
            TenantContext tenantContext,
            TenantSecrets secrets,
            TwilioRecords twilio,
            SyncLedger ledger,
            PageWriter pages,
            ReconcileMetrics metrics) {
        this.config = config;
        this.tenantContext = tenantContext;
        this.secrets = secrets;
        this.twilio = twilio;
        this.ledger = ledger;
        this.pages = pages;
        this.metrics = metrics;
        this.instance = InstanceName.get();
    }

    /** Runs one budgeted slice of the tenant's reconciliation as this instance. */
    @ActivateRequestContext
    public Result reconcile(UUID tenantId) {
        return reconcile(tenantId, instance);
    }

    /** The same as {@code owner}: tests play several instances with one application. */
    @ActivateRequestContext
    Result reconcile(UUID tenantId, String owner) {
        return tenantContext.runAs(tenantId, Actor.reconciler(), () -> run(tenantId, owner));
    }

    private Result run(UUID tenantId, String owner) {
        long started = System.nanoTime();
        Optional<Claim> claim = inTransaction(() -> ledger.claim(tenantId, owner, config.lease()));
        if (claim.isEmpty()) {
            return new Result(Outcome.BUSY, false);
        }
        Outcome outcome = Outcome.FAILED;
        String error = null;
        try {
            TwilioCredentials credentials = secrets.twilioCredentials();
            Pass pass = passFor(tenantId, owner, claim.get());
            outcome = readPages(tenantId, owner, credentials, pass);
            if (outcome == Outcome.RATE_LIMITED) {
                error = "Twilio asked to wait longer than "
                        + config.maxRetryAfter().toSeconds() + " s; the next run carries on";
            }
        } catch (TwilioReadFailure e) {
            error = e.getMessage();
        } catch (UndecryptableSecretException e) {
            error = "The tenant's Twilio credentials do not decrypt with the configured keys";
        } catch (LeaseLost e) {
            outcome = Outcome.BUSY;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reconciliation of tenant %s failed", tenantId);
            error = "Reconciliation failed unexpectedly (" + e.getClass().getSimpleName() + "); see the service log";
        } finally {
            String recorded = error;
            inTransaction(() -> {
                ledger.release(tenantId, owner, recorded);
                return null;
            });
            metrics.run(outcome, Duration.ofNanos(System.nanoTime() - started));
        }
        if (error != null && outcome == Outcome.FAILED) {
            LOG.warnf("Reconciliation of tenant %s failed: %s", tenantId, error);
        }
        Instant claimedAt = claim.get().now();
        boolean askedAgain = inTransaction(() -> ledger.requestedAfter(tenantId, claimedAt));
        return new Result(outcome, askedAgain);
    }

    /** The pass under way, or a new one when none is or when an operator asked for one. */
    private Pass passFor(UUID tenantId, String owner, Claim claim) {
        if (claim.pass() != null && claim.requestedAt() == null) {
            return claim.pass();
        }
        Instant to = claim.now();
        Instant from;
        if (claim.requestedAt() != null && claim.requestedSince() != null) {
            from = claim.requestedSince();
        } else if (claim.watermark() != null) {
            from = claim.watermark().minus(config.overlap());
        } else {
            from = to.minus(config.firstWindow());
        }
        if (!from.isBefore(to)) {
            from = to.minus(config.overlap());
        }
        Instant start = from;
        if (!inTransaction(() -> ledger.startPass(tenantId, owner, start, to, claim.requestedAt()))) {
            throw new LeaseLost();
        }
        return new Pass(from, to, Resource.CALLS, null, null);
    }

    private Outcome readPages(UUID tenantId, String owner, TwilioCredentials credentials, Pass pass) {
        Resource resource = pass.resource();
        String pageUrl = pass.pageUrl();
        Instant earliestOpen = pass.earliestOpen();
        Instant holdFrom = pass.to().minus(config.holdOpenFor());
        for (int requests = 0; ; ) {
            if (requests >= config.requestsPerRun()) {
                return Outcome.PARTIAL;
            }
            requests++;
            Batch<?> batch;
            try {
                batch = fetch(resource, credentials, pass, pageUrl);
                metrics.twilioAnswer("ok");
            } catch (TwilioRateLimited slowDown) {
                metrics.twilioAnswer("rate_limited");
                if (slowDown.retryAfter().compareTo(config.maxRetryAfter()) > 0) {
                    return Outcome.RATE_LIMITED;
                }
                pause(slowDown.retryAfter());
                continue;
            } catch (TwilioReadFailure failure) {
                metrics.twilioAnswer("failed");
                throw failure;
            }
            Resource nextResource = batch.nextPageUrl() != null ? resource : resource.next();
            String nextPage = batch.nextPageUrl();
            Resource counted = resource;
            Instant heldBefore = earliestOpen;
            // The page's rows and the pass's new position commit together, or not at all.
            PageWriter.Written written = inTransaction(() -> {
                PageWriter.Written page = pages.write(tenantId, batch, holdFrom);
                Instant holdBack = TwilioRecordMapping.earliest(heldBefore, page.earliestOpen());
                boolean advanced = ledger.advance(
                        tenantId,
                        owner,
                        config.lease(),
                        nextResource == null ? counted : nextResource,
                        nextPage,
                        holdBack,
                        counted,
                        page.counts());
                if (advanced && nextResource == null) {
                    advanced = ledger.finishPass(tenantId, owner, TwilioRecordMapping.earliest(pass.to(), holdBack));
                }
                if (!advanced) {
                    throw new LeaseLost();
                }
                return page;
            });
            metrics.rows(counted, written.counts());
            earliestOpen = TwilioRecordMapping.earliest(earliestOpen, written.earliestOpen());
            if (nextResource == null) {
                return Outcome.COMPLETED;
            }
            resource = nextResource;
            pageUrl = nextPage;
        }
    }

    private Batch<?> fetch(Resource resource, TwilioCredentials credentials, Pass pass, String pageUrl) {
        int size = config.pageSize();
        return switch (resource) {
            case CALLS -> twilio.calls(credentials, pass.from(), pass.to(), pageUrl, size);
            case RECORDINGS -> twilio.recordings(credentials, pass.from(), pass.to(), pageUrl, size);
            case MESSAGES -> twilio.messages(credentials, pass.from(), pass.to(), pageUrl, size);
        };
    }

    private static <T> T inTransaction(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Twilio's Retry-After", e);
        }
    }
}
