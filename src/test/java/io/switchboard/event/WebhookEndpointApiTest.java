package io.switchboard.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.TestTenants;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /v1/webhook-endpoints}: who may manage them, what is checked, and where the secret never goes. */
@QuarkusTest
class WebhookEndpointApiTest {

    private static final String URL = "http://127.0.0.1:9/events";

    @Test
    void anEndpointIsCreatedChangedPausedAndDeletedAndItsSecretIsShownOnlyOnce() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        var created = tenant.asApp()
                .body(Map.of("url", URL, "events", List.of("call.completed", "message.received"), "description", "CRM"))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .body("secret", startsWith("whsec_"))
                .body("enabled", equalTo(true))
                .body("events", equalTo(List.of("call.completed", "message.received")))
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);

        tenant.asApp()
                .get("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(200)
                .body("url", equalTo(URL))
                .body("$", not(org.hamcrest.Matchers.hasKey("secret")));
        tenant.asApp()
                .contentType("application/merge-patch+json")
                .body(Map.of("events", List.of("call.logged"), "enabled", false))
                .patch("/v1/webhook-endpoints/" + id)
                .then()
                .statusCode(200)
                .body("events", equalTo(List.of("call.logged")))
                .body("enabled", equalTo(false))
                .body("description", equalTo("CRM"));
        tenant.asApp().get("/v1/webhook-endpoints").then().statusCode(200).body("data.id", hasItem(id));

        // The secret is encrypted at rest and never enters the audit trail or the API again.
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT secret_enc FROM webhook_endpoints WHERE id = ?::uuid", id))
                    .singleElement()
                    .asString()
                    .startsWith("sb1:")
                    .doesNotContain(secret.substring(6));
        }
        assertThat(Database.logicalDump()).doesNotContain(secret.substring(6));

        tenant.asApp().delete("/v1/webhook-endpoints/" + id).then().statusCode(204);
        tenant.asApp().get("/v1/webhook-endpoints/" + id).then().statusCode(404);
    }

    @Test
    void badUrlsEventTypesAndBodiesAre400sNamingTheField() {
        TestTenants.Tenant tenant = TestTenants.create();
        for (Map<String, Object> body : List.<Map<String, Object>>of(
                Map.of("url", "ftp://example.com/x", "events", List.of("call.logged")),
                Map.of("url", "not a url", "events", List.of("call.logged")),
                Map.of("url", "https://user:pw@example.com/x", "events", List.of("call.logged")),
                Map.of("url", "https://example.com/x#part", "events", List.of("call.logged")),
                Map.of("url", "https://example.com/" + "x".repeat(2100), "events", List.of("call.logged")))) {
            tenant.asApp()
                    .body(body)
                    .post("/v1/webhook-endpoints")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("url"));
        }
        tenant.asApp()
                .body(Map.of("url", URL, "events", List.of("call.exploded")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(400);
        tenant.asApp()
                .body(Map.of("url", URL, "events", List.of()))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("events"));
        tenant.asApp()
                .body(Map.of("events", List.of("call.logged")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("url"));
    }

    @Test
    void onlyAdminsAndTenantAppsManageEndpointsAndReadEvents() {
        TestTenants.Tenant tenant = TestTenants.create();
        for (String role : List.of("sales", "ceo")) {
            String token = TestTenants.loginAs(tenant, role);
            given().auth().oauth2(token).get("/v1/webhook-endpoints").then().statusCode(403);
            given().auth().oauth2(token).get("/v1/events").then().statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("url", URL, "events", List.of("call.logged")))
                    .post("/v1/webhook-endpoints")
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(TestTenants.loginAs(tenant, "admin"))
                .contentType("application/json")
                .body(Map.of("url", URL, "events", List.of("call.logged")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201);
        given().get("/v1/events").then().statusCode(401);
    }

    @Test
    void anotherTenantsEndpointIsA404() {
        TestTenants.Tenant owner = TestTenants.create();
        String id = owner.asApp()
                .body(Map.of("url", URL, "events", List.of("call.logged")))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        TestTenants.Tenant other = TestTenants.create();
        other.asApp().get("/v1/webhook-endpoints/" + id).then().statusCode(404);
        other.asApp()
                .post("/v1/webhook-endpoints/" + id + "/rotate-secret")
                .then()
                .statusCode(404);
        other.asApp().delete("/v1/webhook-endpoints/" + id).then().statusCode(404);
        owner.asApp().get("/v1/webhook-endpoints/" + id).then().statusCode(200).body("disabledReason", nullValue());
    }
}
