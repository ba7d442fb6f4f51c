package io.switchboard.reconciliation;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.TestTenants.asOperator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.switchboard.testing.Database;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.FakeTwilioAccounts;
import io.switchboard.testing.FakeTwilioAccounts.Call;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Operators ask for a pass and follow it: POST /admin/v1/tenants/{id}/reconcile, GET .../sync. */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class ReconcileAdminApiTest {

    @Test
    void anOperatorAsksForAPassFromAnInstantAndFollowsItToTheEnd() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        asOperator()
                .get("/admin/v1/tenants/" + tenant.id() + "/sync")
                .then()
                .statusCode(200)
                .body("tenantId", equalTo(tenant.id().toString()))
                .body("watermark", nullValue())
                .body("lastRun.calls.created", equalTo(0));
        // Three days ago: before the 24 hours a first pass reads by default.
        String oldCall = WebhookSimulator.sid("CA");
        Instant started = Instant.now().minus(Duration.ofDays(3));
        FakeTwilioAccounts.call(
                tenant.accountSid(),
                new Call(
                        oldCall,
                        "+14155550111",
                        "+14155550100",
                        "outbound-api",
                        "completed",
                        5,
                        started,
                        started.plusSeconds(5)));

        asOperator()
                .body(Map.of("since", Instant.now().minus(Duration.ofDays(4)).toString()))
                .post("/admin/v1/tenants/" + tenant.id() + "/reconcile")
                .then()
                .statusCode(202)
                .body("tenantId", equalTo(tenant.id().toString()));

        ValidatableResponse done = awaitSucceeded(tenant.id());
        done.body("lastRun.calls.created", equalTo(1))
                .body("watermark", notNullValue())
                .body("lastError", nullValue())
                .body("running", equalTo(false))
                .body("passTo", nullValue())
                .body("requestedAt", nullValue());
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT status FROM calls WHERE sid = ?", oldCall))
                    .containsExactly("completed");
        }
        given().port(managementPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("switchboard_reconcile_rows_total{change=\"created\",resource=\"calls\"}"))
                .body(containsString("switchboard_reconcile_runs_total{outcome=\"completed\"}"))
                .body(containsString("switchboard_reconcile_duration_seconds_count"));
    }

    @Test
    void withoutABodyAPassStartsFromTheDefault() {
        TestTenants.Tenant tenant = TestTenants.create();
        asOperator()
                .post("/admin/v1/tenants/" + tenant.id() + "/reconcile")
                .then()
                .statusCode(202);
        awaitSucceeded(tenant.id());
    }

    @Test
    void aBadSinceOrBodyIsA400NamingTheFieldAndNothingIsAskedFor() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String path = "/admin/v1/tenants/" + tenant.id() + "/reconcile";
        asOperator()
                .body(Map.of("since", Instant.now().plus(Duration.ofHours(1)).toString()))
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("since"));
        asOperator()
                .body(Map.of("since", Instant.now().minus(Duration.ofDays(500)).toString()))
                .post(path)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("since"));
        asOperator().body(Map.of("since", 5)).post(path).then().statusCode(400);
        asOperator().body(Map.of("since", "yesterday")).post(path).then().statusCode(400);
        asOperator()
                .body(Map.of("from", "2026-11-20T00:00:00Z"))
                .post(path)
                .then()
                .statusCode(400);
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT count(*) FROM tenant_sync WHERE tenant_id = ?", tenant.id()))
                    .containsExactly(0L);
        }
    }

    @Test
    void onlyOperatorsReachItAndAnUnknownOrInactiveTenantIsRefused() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .post("/admin/v1/tenants/" + tenant.id() + "/reconcile")
                .then()
                .statusCode(401);
        given().get("/admin/v1/tenants/" + tenant.id() + "/sync").then().statusCode(401);
        asOperator()
                .get("/admin/v1/tenants/" + UUID.randomUUID() + "/sync")
                .then()
                .statusCode(404);
        asOperator()
                .post("/admin/v1/tenants/" + UUID.randomUUID() + "/reconcile")
                .then()
                .statusCode(404);
        asOperator()
                .body(Map.of("status", "inactive"))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200);
        asOperator()
                .post("/admin/v1/tenants/" + tenant.id() + "/reconcile")
                .then()
                .statusCode(409)
                .body("detail", containsString("not active"));
    }

    private static ValidatableResponse awaitSucceeded(UUID tenantId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            ValidatableResponse sync = asOperator()
                    .get("/admin/v1/tenants/" + tenantId + "/sync")
                    .then()
                    .statusCode(200);
            if (sync.extract().path("lastSucceededAt") != null) {
                return sync;
            }
            assertThat(System.nanoTime()).as("the pass completed within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static int managementPort() {
        return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
    }
}
