package io.switchboard.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every change is on the trail, with who made it and from where, whatever path it took; never a secret. */
@QuarkusTest
class AuditTrailTest {

    @Test
    void aChangeByApiKeyRecordsTheKeyAndTheValuesBeforeAndAfter() {
        TestTenants.Tenant tenant = TestTenants.create();
        String productId = tenant.asApp()
                .header("User-Agent", "acme-crm/2.1")
                .body(Map.of("name", "Plan A"))
                .post("/v1/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tenant.asApp()
                .body(Map.of("name", "Plan B"))
                .put("/v1/products/" + productId)
                .then()
                .statusCode(200);
        String ceo = TestTenants.loginAs(tenant, "ceo");
        given().auth()
                .oauth2(ceo)
                .queryParam("table", "products")
                .queryParam("recordId", productId)
                .get("/v1/audit-logs")
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("data[0].action", equalTo("update"))
                .body("data[0].oldValues.name", equalTo("Plan A"))
                .body("data[0].newValues.name", equalTo("Plan B"))
                .body("data[0].actorKind", equalTo("api_key"))
                .body("data[0].apiKeyId", notNullValue())
                .body("data[1].action", equalTo("insert"))
                .body("data[1].userAgent", equalTo("acme-crm/2.1"))
                .body("data[1].ip", notNullValue());
    }

    @Test
    void aChangeByADashboardUserRecordsTheUser() {
        TestTenants.Tenant tenant = TestTenants.create();
        String email = "admin-" + UUID.randomUUID() + "@example.com";
        UUID admin = TestTenants.createUser(tenant, email, "admin");
        String token = TestTenants.login(tenant, email);
        given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(Map.of("name", "Too expensive"))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(201);
        tenant.asApp()
                .queryParam("userId", admin.toString())
                .queryParam("table", "loss_reasons")
                .get("/v1/audit-logs")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].actorKind", equalTo("user"))
                .body("data[0].userId", equalTo(admin.toString()))
                .body("data[0].newValues.name", equalTo("Too expensive"));
    }

    @Test
    void webhookAndOperatorChangesAreOnTheTrailWithoutSecrets() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String callSid = WebhookSimulator.sid("CA");
        new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken())
                .playCall(callSid, "+14155550111", "+18005550100");
        tenant.asApp()
                .queryParam("table", "calls")
                .get("/v1/audit-logs")
                .then()
                .statusCode(200)
                .body("data.actorKind", everyItem(equalTo("twilio")))
                .body("data[0].newValues.status", equalTo("completed"));
        TestTenants.asOperator()
                .body(Map.of("twilio", Map.of("authToken", "rotated-secret-token")))
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(200);
        tenant.asApp()
                .queryParam("table", "tenants")
                .get("/v1/audit-logs")
                .then()
                .statusCode(200)
                .body("data[0].actorKind", equalTo("operator"))
                .body("data[0].newValues.twilio_auth_token_enc", nullValue())
                .body("data[0].newValues.twilio_account_sid", equalTo(tenant.accountSid()));
        String trail = tenant.asApp()
                .queryParam("limit", 500)
                .get("/v1/audit-logs")
                .then()
                .extract()
                .asString();
        assertThat(trail)
                .doesNotContain("rotated-secret-token")
                .doesNotContain(tenant.authToken())
                .doesNotContain("sb1:")
                .doesNotContain("argon2")
                .doesNotContain(tenant.apiKey());
    }

    @Test
    void aCallbackThatChangesNothingLeavesNoTrail() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        WebhookSimulator twilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
        String callSid = WebhookSimulator.sid("CA");
        var completed = twilio.callStatus(callSid, "completed", 3, 10);
        SignedWebhook.post("/webhooks/twilio/call-status", completed, tenant.authToken())
                .then()
                .statusCode(204);
        SignedWebhook.post("/webhooks/twilio/call-status", completed, tenant.authToken())
                .then()
                .statusCode(204);
        tenant.asApp().queryParam("table", "calls").get("/v1/audit-logs").then().body("data", hasSize(1));
    }

    @Test
    void theRuntimeLoginCannotRewriteOrEraseTheTrail() throws SQLException {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .body(Map.of("name", "Audited"))
                .post("/v1/products")
                .then()
                .statusCode(201);
        try (Connection db = Database.asRuntimeLogin()) {
            Database.beginAsTenant(db, tenant.id());
            assertThat(Database.column(db, "SELECT count(*) FROM audit_logs"))
                    .first()
                    .isNotEqualTo(0L);
            assertThatThrownBy(() -> Database.update(db, "UPDATE audit_logs SET new_values = '{}'"))
                    .hasMessageContaining("permission denied");
            db.rollback();
            Database.beginAsTenant(db, tenant.id());
            assertThatThrownBy(() -> Database.update(db, "DELETE FROM audit_logs"))
                    .hasMessageContaining("permission denied");
            db.rollback();
            Database.beginAsTenant(db, tenant.id());
            assertThatThrownBy(() -> Database.update(db, "ALTER TABLE products DISABLE TRIGGER audit"))
                    .hasMessageContaining("must be owner");
            db.rollback();
        }
    }
}
