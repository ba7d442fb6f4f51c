package io.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The cache's rules that no timing decides: what is kept, what is forgotten, what is never kept. */
class ChangeAwareCacheTest {

    private final ChangeFeed notListening =
            new ChangeFeed("jdbc:postgresql://unused/none", "none", Optional.empty(), null);
    private final ChangeAwareCache<String, String> cache = new ChangeAwareCache<>(notListening, 100);
    private final AtomicInteger loads = new AtomicInteger();

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
        cache.get("a", () -> load("a1"));
        TenantDataChanged everything = TenantDataChanged.everything();
        assertThat(everything.concerns("tenants")).isTrue();
        assertThat(everything.tenantId()).isNull();
        cache.forgetAll();
        assertThat(cache.get("a", () -> load("a2"))).isEqualTo("a2");
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
