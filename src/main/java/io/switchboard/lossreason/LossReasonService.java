package io.switchboard.lossreason;

import io.switchboard.common.ApiException;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loss reasons: unique names per tenant (case-insensitive); a reason calls refer to is deactivated, not deleted. */
@ApplicationScoped
@Transactional
public class LossReasonService {

    private final TenantContext tenantContext;
    private final EntityManager entityManager;

    LossReasonService(TenantContext tenantContext, EntityManager entityManager) {
        this.tenantContext = tenantContext;
        this.entityManager = entityManager;
    }

    public List<LossReasonView> list(boolean includeInactive) {
        return LossReason.listForTenant(tenantContext.requireTenantId()).stream()
                .filter(reason -> includeInactive || reason.active)
                .map(LossReasonView::of)
                .toList();
    }

    public LossReasonView create(LossReasonRequest request) {
        LossReason reason = new LossReason();
        reason.tenantId = tenantContext.requireTenantId();
        apply(reason, request);
        reason.persist();
        entityManager.flush();
        return LossReasonView.of(reason);
    }

    public LossReasonView replace(UUID id, LossReasonRequest request) {
        LossReason reason = find(id);
        apply(reason, request);
        entityManager.flush();
        return LossReasonView.of(reason);
    }

    /** Deletes an unused reason (empty result) or deactivates one that calls refer to (the reason as it now is). */
    public Optional<LossReasonView> delete(UUID id) {
        LossReason reason = find(id);
        if (LossReason.deleteUnlessUsed(reason.tenantId, reason.id)) {
            return Optional.empty();
        }
        reason.active = false;
        return Optional.of(LossReasonView.of(reason));
    }

    private LossReason find(UUID id) {
        return LossReason.findForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("Loss reason " + id));
    }

    private static void apply(LossReason reason, LossReasonRequest request) {
        reason.name = request.name().trim();
        reason.description = request.description();
        reason.active = request.active() == null || request.active();
    }
}
