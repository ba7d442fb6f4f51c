package io.switchboard.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant B, with its API key and with its users' JWTs, asks for each of tenant A's resources: every
 * answer is 404 (never 403, which would confirm the resource exists) and no list shows A's rows.
 */
@QuarkusTest
class CrossTenantIsolationTest {

    private TestTenants.Tenant a;
    private String callId;
    private String callSid;
    private String messageSid;
    private String recordingSid;
    private String productId;
    private String contentId;

    @BeforeEach
    void tenantAWithOneOfEverything() throws Exception {
        a = TestTenants.create();
        callSid = WebhookSimulator.sid("CA");
        WebhookSimulator twilio = new WebhookSimulator(SignedWebhook.localBase(), null, a.accountSid(), a.authToken());
        twilio.playCall(callSid, "+14155550111", "+18005550100");
        messageSid = WebhookSimulator.sid("SM");
        SignedWebhook.post(
                        "/webhooks/twilio/sms",
                        twilio.inboundSms(messageSid, "+1", "+2", "secret plans"),
                        a.authToken())
                .then()
                .statusCode(200);
        callId = a.asApp()
                .get("/v1/calls/" + callSid)
                .then()
                .statusCode(200)
                .extract()
                .path("id");
        recordingSid = a.asApp().get("/v1/recordings").then().extract().path("data[0].sid");
        productId = a.asApp()
                .body(Map.of("name", "A's product"))
                .post("/v1/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        contentId = a.asApp()
                .body(Map.of("title", "A's", "type", "note", "body", "x"))
                .post("/v1/content")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void anotherTenantsApiKeySeesNothingOfA() {
        TestTenants.Tenant b = TestTenants.create();
        assertInvisible(b::asApp);
    }

    @Test
    void anotherTenantsAdminAndCeoSeeNothingOfA() {
        TestTenants.Tenant b = TestTenants.create();
        String admin = TestTenants.loginAs(b, "admin");
        String ceo = TestTenants.loginAs(b, "ceo");
        assertInvisible(() -> given().auth().oauth2(admin).contentType("application/json"));
        // The CEO may not write products or content anywhere (403 for any id), so only reads tell.
        assertUnreadable(() -> given().auth().oauth2(ceo).contentType("application/json"));
    }

    private void assertInvisible(Supplier<RequestSpecification> asB) {
        assertUnreadable(asB);
        asB.get()
                .body(Map.of("notes", "mine now"))
                .patch("/v1/calls/" + callId)
                .then()
                .statusCode(404);
        asB.get()
                .body(Map.of("name", "mine now"))
                .put("/v1/products/" + productId)
                .then()
                .statusCode(404);
        asB.get().delete("/v1/products/" + productId).then().statusCode(404);
        asB.get()
                .body(Map.of("title", "t", "type", "note", "body", "b"))
                .put("/v1/content/" + contentId)
                .then()
                .statusCode(404);
        asB.get().delete("/v1/content/" + contentId).then().statusCode(404);
        a.asApp().get("/v1/products/" + productId).then().statusCode(200);
        a.asApp().get("/v1/calls/" + callId).then().statusCode(200);
    }

    private void assertUnreadable(Supplier<RequestSpecification> asB) {
        for (String path : new String[] {
            "/v1/calls/" + callId,
            "/v1/calls/" + callSid,
            "/v1/messages/" + messageSid,
            "/v1/recordings/" + recordingSid,
            "/v1/products/" + productId
        }) {
            asB.get().get(path).then().statusCode(404).contentType("application/problem+json");
        }
        for (String list :
                new String[] {"/v1/calls", "/v1/messages", "/v1/recordings", "/v1/products", "/v1/content"}) {
            asB.get().get(list).then().statusCode(200).body("data", hasSize(0));
        }
    }
}
