package io.switchboard.idempotency;

import static io.switchboard.idempotency.IdempotencyTest.REPLAYED;
import static io.switchboard.idempotency.IdempotencyTest.keyed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestTenants;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys are kept 24 hours: after that a key is new again, and pruning removes it for every tenant. */
@QuarkusTest
class ExpiredKeysTest {

    @Inject
    ExpiredKeys expiredKeys;

    @Test
    void anExpiredKeyIsANewKey() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String body = "{\"name\":\"Yesterday\"}";
        Keys.insert(
                tenant.id(),
                "daily",
                "POST",
                "/v1/products",
                body,
                "running",
                "now() - interval '1 day'",
                "now() - interval '1 second'");
        keyed(tenant.asApp(), "daily")
                .body(body)
                .post("/v1/products")
                .then()
                .statusCode(201)
                .header(REPLAYED, nullValue());
        assertThat(Keys.count("products", tenant.id())).isEqualTo(1);
    }

    @Test
    void pruningRemovesExpiredKeysOfEveryTenantAndNothingElse() throws Exception {
        TestTenants.Tenant a = TestTenants.create();
        TestTenants.Tenant b = TestTenants.create();
        for (TestTenants.Tenant tenant : new TestTenants.Tenant[] {a, b}) {
            Keys.insert(
                    tenant.id(), "old", "POST", "/v1/products", "{}", "running", "now()", "now() - interval '1 hour'");
            Keys.insert(tenant.id(), "new", "POST", "/v1/products", "{}", "running", "now()", null);
        }

        assertThat(expiredKeys.prune()).isGreaterThanOrEqualTo(2);

        for (UUID tenant : new UUID[] {a.id(), b.id()}) {
            try (Connection db = Database.asSuperuser()) {
                assertThat(Database.column(
                                db, "SELECT idempotency_key FROM idempotency_keys WHERE tenant_id = ?", tenant))
                        .containsExactly("new");
            }
        }
    }
}
