package io.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache's rules that no timing decides: what is kept, what is forgotten, what is never kept. */
class ChangeAwareCacheTest {

    private final ChangeFeed notListening =
            new ChangeFeed("jdbc:postgresql://unused/none", "none", Optional.empty(), null);
    private final ChangeAwareCache<String, String> cache = new ChangeAwareCache<>(notListening, 100);
    private final AtomicInteger loads = new AtomicInteger();

    private static final UUID TENANT_A = UUID.fromString("0190f3a2-7c1e-7b3a-9c1d-00000000000a");
    private static final UUID TENANT_B = UUID.fromString("0190f3a2-7c1e-7b3a-9c1d-00000000000b");
    /** Stands for "remembered as belonging to no tenant". */
    private static final UUID NO_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000000");

    private final ChangeAwareCache<String, UUID> tenantCache = new ChangeAwareCache<>(notListening, 100);

    private String load(String value) {
        loads.incrementAndGet();
        return value;
    }

    @Test
    void aValueIsLoadedOnceAndKept() {
        assertThat(cache.get("tenant", () -> load("v1"))).isEqualTo("v1");
        assertThat(cache.get("tenant", () -> load("v2"))).isEqualTo("v1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aForgottenValueIsLoadedAgain() {
        cache.get("a", () -> load("a1"));
        cache.get("b", () -> load("b1"));

        cache.forgetIf((key, value) -> key.equals("a"));

        assertThat(cache.get("a", () -> load("a2"))).isEqualTo("a2");
        assertThat(cache.get("b", () -> load("b2"))).isEqualTo("b1");
    }

    @Test
    void aValueReadBeforeAChangeThatWasAnnouncedWhileItLoadedIsReturnedButNotKept() {
        String read = cache.get("tenant", () -> {
            // The change commits and is announced after this load read the old value.
            cache.forgetIf((key, value) -> key.equals("tenant"));
            return load("old");
        });

        assertThat(read).isEqualTo("old");
        assertThat(cache.get("tenant", () -> load("new"))).isEqualTo("new");
    }

    @Test
    void nothingIsKeptForAMissingValue() {
        assertThat(cache.get("unknown", () -> null)).isNull();
        assertThat(cache.get("unknown", () -> load("created since"))).isEqualTo("created since");
    }

    @Test
    void theFeedBeingDownIsAnnouncedAsEverythingChanged() {
        tenantCache.get("a", () -> TENANT_A);
        tenantCache.get("b", () -> TENANT_B);

        tenantCache.forget(TenantDataChanged.everything(), Set.of("tenants"), (key, tenant) -> tenant);

        assertThat(tenantCache.get("a", () -> TENANT_B)).isEqualTo(TENANT_B);
        assertThat(tenantCache.get("b", () -> TENANT_A)).isEqualTo(TENANT_A);
    }

    @Test
    void aTenantsChangeForgetsThatTenantsEntriesAndTheRememberedAbsences() {
        tenantCache.get("a", () -> TENANT_A);
        tenantCache.get("b", () -> TENANT_B);
        tenantCache.get("nobody's", () -> NO_TENANT);

        tenantCache.forget(
                new TenantDataChanged("tenants", TENANT_A),
                Set.of("tenants"),
                (key, tenant) -> tenant == NO_TENANT ? null : tenant);

        assertThat(tenantCache.get("a", () -> TENANT_B))
                .as("the changed tenant's entry")
                .isEqualTo(TENANT_B);
        assertThat(tenantCache.get("b", () -> TENANT_A))
                .as("another tenant's entry")
                .isEqualTo(TENANT_B);
        assertThat(tenantCache.get("nobody's", () -> TENANT_A))
                .as("an absence the change may have ended")
                .isEqualTo(TENANT_A);
    }

    @Test
    void aChangeToATableTheCacheDoesNotReadForgetsNothing() {
        tenantCache.get("a", () -> TENANT_A);

        tenantCache.forget(new TenantDataChanged("content", TENANT_A), Set.of("tenants", "api_keys"), (key, t) -> t);

        assertThat(tenantCache.get("a", () -> TENANT_B)).isEqualTo(TENANT_A);
    }

    @Test
    void notificationsOfOtherKindsAreNotTakenForChanges() {
        assertThat(ChangeFeed.parse("settings:0190f3a2-7c1e-7b3a-9c1d-2f4e5a6b7c8d"))
                .contains(new TenantDataChanged("settings", UUID.fromString("0190f3a2-7c1e-7b3a-9c1d-2f4e5a6b7c8d")));
        assertThat(ChangeFeed.parse("settings:not-a-uuid")).isEmpty();
        assertThat(ChangeFeed.parse("no colon")).isEmpty();
        assertThat(ChangeFeed.parse(null)).isEmpty();
    }
}
