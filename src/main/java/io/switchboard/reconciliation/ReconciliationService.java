package io.switchboard.reconciliation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.ApiException;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/** Operators' view of reconciliation: a tenant's state, and a pass asked for on demand. */
@ApplicationScoped
public class ReconciliationService {

    private final ReconcileConfig config;
    private final TenantContext tenantContext;
    private final SyncLedger ledger;
    private final ReconcileJob job;

    ReconciliationService(ReconcileConfig config, TenantContext tenantContext, SyncLedger ledger, ReconcileJob job) {
        this.config = config;
        this.tenantContext = tenantContext;
        this.ledger = ledger;
        this.job = job;
    }

    /** The current tenant's state. */
    public SyncView view() {
        UUID tenantId = tenantContext.requireTenantId();
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        SyncView.of(tenantId, TenantSync.findForTenant(tenantId).orElse(null), Instant.now()));
    }

    /**
     * Records the request (so whichever instance reconciles the tenant next answers it, even if
     * this one stops) and starts a run on this instance; the run happens after the answer.
     */
    public SyncView request(ReconcileRequest request) {
        UUID tenantId = tenantContext.requireTenantId();
        Instant since = request == null ? null : request.since();
        Instant now = Instant.now();
        if (since != null && since.isAfter(now)) {
            throw new ApiException.Invalid("since", "must not be in the future");
        }
        if (since != null && since.isBefore(now.minus(config.maxBackfill()))) {
            throw new ApiException.Invalid(
                    "since", "must be within the last " + config.maxBackfill().toDays() + " days");
        }
        QuarkusTransaction.requiringNew().run(() -> ledger.request(tenantId, since));
        job.runSoon(tenantId);
        return view();
    }
}
