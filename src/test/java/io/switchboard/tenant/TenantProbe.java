package io.switchboard.tenant;

import io.switchboard.call.Call;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Test-only service that deliberately "forgets" the tenant filter, so only row-level security protects. */
@ApplicationScoped
public class TenantProbe {

    private final EntityManager entityManager;

    TenantProbe(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional
    public Set<UUID> tenantsVisibleInCalls() {
        Set<UUID> seen = new HashSet<>();
        for (Call call : Call.<Call>listAll()) {
            seen.add(call.tenantId);
        }
        @SuppressWarnings("unchecked")
        List<UUID> nativeRows =
                entityManager.createNativeQuery("SELECT tenant_id FROM calls").getResultList();
        seen.addAll(nativeRows);
        return seen;
    }
}
