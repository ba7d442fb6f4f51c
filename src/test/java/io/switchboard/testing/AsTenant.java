package io.switchboard.testing;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.TenantContext;
import java.util.UUID;
import java.util.function.Supplier;

/** Runs service code as a request of the given tenant would, outside HTTP. */
public final class AsTenant {

    private AsTenant() {}

    public static <T> T call(UUID tenantId, Supplier<T> work) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            Arc.container().instance(TenantContext.class).get().enter(tenantId, Actor.system());
            return work.get();
        } finally {
            request.terminate();
        }
    }
}
