package io.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.Fixtures;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The service's own path: a request's tenant reaches PostgreSQL per transaction, and never leaks
 * into another request's transaction on a shared connection (the test pool holds 6 connections
 * for 12 concurrent workers).
 */
@QuarkusTest
class TenantContextIsolationTest {

    private static final int TENANTS = 12;
    private static final int ROUNDS = 40;

    @Inject
    TenantProbe probe;

    @Inject
    TenantContext tenantContext;

    @Test
    void concurrentTenantsOnASmallPoolNeverSeeEachOthersRows() throws Exception {
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < TENANTS; i++) {
            UUID tenant = UUID.randomUUID();
            try (Connection db = Database.asRuntimeLogin()) {
                Database.beginAsTenant(db, tenant);
                Fixtures.seedTenant(db, tenant);
                db.commit();
            }
            tenants.add(tenant);
        }
        ExecutorService workers = Executors.newFixedThreadPool(TENANTS + 1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (UUID tenant : tenants) {
                results.add(workers.submit(() -> {
                    for (int round = 0; round < ROUNDS; round++) {
                        assertThat(asRequestOf(tenant))
                                .as("rows visible to %s", tenant)
                                .containsExactly(tenant);
                    }
                    return null;
                }));
            }
            results.add(workers.submit(() -> {
                for (int round = 0; round < ROUNDS; round++) {
                    assertThat(asRequestOf(null))
                            .as("rows visible with no tenant resolved")
                            .isEmpty();
                }
                return null;
            }));
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void aRequestCannotSwitchToAnotherTenant() {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            tenantContext.enter(UUID.randomUUID(), Actor.system());
            assertThatThrownBy(() -> tenantContext.enter(UUID.randomUUID(), Actor.system()))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            request.terminate();
        }
    }

    private Set<UUID> asRequestOf(UUID tenant) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            if (tenant != null) {
                tenantContext.enter(tenant, new Actor(ActorKind.SYSTEM, null, null, null, null));
            }
            return probe.tenantsVisibleInCalls();
        } finally {
            request.terminate();
        }
    }
}
