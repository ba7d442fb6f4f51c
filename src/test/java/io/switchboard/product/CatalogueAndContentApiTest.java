package io.switchboard.product;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Products and content: the CRUD a tenant app needs, validated, and content that changes what callers hear. */
@QuarkusTest
class CatalogueAndContentApiTest {

    @Test
    void productsAreCreatedReadReplacedAndDeleted() {
        TestTenants.Tenant tenant = TestTenants.create();
        String id = tenant.asApp()
                .body(Map.of("name", "Gold plan", "priceCents", 4900, "currency", "USD"))
                .post("/v1/products")
                .then()
                .statusCode(201)
                .body("name", equalTo("Gold plan"))
                .body("priceCents", equalTo(4900))
                .body("active", equalTo(true))
                .extract()
                .path("id");
        tenant.asApp().get("/v1/products/" + id).then().statusCode(200).body("currency", equalTo("USD"));
        tenant.asApp()
                .body(Map.of("name", "Gold plan", "priceCents", 5900, "currency", "EUR", "active", false))
                .put("/v1/products/" + id)
                .then()
                .statusCode(200)
                .body("priceCents", equalTo(5900))
                .body("currency", equalTo("EUR"))
                .body("active", equalTo(false));
        tenant.asApp().get("/v1/products").then().statusCode(200).body("data", hasSize(1));
        tenant.asApp().delete("/v1/products/" + id).then().statusCode(204);
        tenant.asApp().get("/v1/products/" + id).then().statusCode(404);
    }

    @Test
    void invalidProductsNameTheirFields() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .body(Map.of("name", "", "priceCents", -1, "currency", "dollars"))
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("errors", hasSize(3));
        tenant.asApp()
                .body(Map.of("name", "No currency", "priceCents", 100))
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("currency"));
        tenant.asApp()
                .body(Map.of("name", "Wrong type", "priceCents", "a lot"))
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("priceCents"));
    }

    @Test
    void aGreetingWrittenThroughTheApiIsWhatCallersHear() {
        TestTenants.Tenant tenant = TestTenants.create();
        String id = tenant.asApp()
                .body(Map.of("title", "Main greeting", "type", "greeting", "body", "Welcome to Acme"))
                .post("/v1/content")
                .then()
                .statusCode(201)
                .body("type", equalTo("greeting"))
                .extract()
                .path("id");
        tenant.asApp().queryParam("type", "greeting").get("/v1/content").then().body("data", hasSize(1));
        tenant.asApp()
                .queryParam("type", "sms_template")
                .get("/v1/content")
                .then()
                .body("data", hasSize(0));
        WebhookSimulator twilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(WebhookSimulator.sid("CA"), "+1", "+2"),
                        tenant.authToken())
                .then()
                .statusCode(200)
                .body(containsString("<Say>Welcome to Acme</Say>"));
        tenant.asApp()
                .body(Map.of("title", "Main greeting", "type", "greeting", "body", "Closed today", "active", false))
                .put("/v1/content/" + id)
                .then()
                .statusCode(200);
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(WebhookSimulator.sid("CA"), "+1", "+2"),
                        tenant.authToken())
                .then()
                .statusCode(200)
                .body(Matchers.not(containsString("<Say>")));
        tenant.asApp().delete("/v1/content/" + id).then().statusCode(204);
        tenant.asApp()
                .body(Map.of("title", "x", "type", "poem", "body", "b"))
                .post("/v1/content")
                .then()
                .statusCode(400);
    }

    @Test
    void messagesAndRecordingsFromWebhooksAreListedAndFoundBySid() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        WebhookSimulator twilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
        String callSid = WebhookSimulator.sid("CA");
        twilio.playCall(callSid, "+14155550111", "+18005550100");
        String smsSid = WebhookSimulator.sid("SM");
        SignedWebhook.post(
                        "/webhooks/twilio/sms",
                        twilio.inboundSms(smsSid, "+14155550111", "+18005550100", "Call me"),
                        tenant.authToken())
                .then()
                .statusCode(200);
        tenant.asApp()
                .get("/v1/messages")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].body", equalTo("Call me"))
                .body("data[0].direction", equalTo("inbound"));
        tenant.asApp().get("/v1/messages/" + smsSid).then().statusCode(200).body("from", equalTo("+14155550111"));
        tenant.asApp()
                .queryParam("direction", "outbound-api")
                .get("/v1/messages")
                .then()
                .body("data", hasSize(0));
        String recordingSid = tenant.asApp()
                .get("/v1/recordings")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .extract()
                .path("data[0].sid");
        tenant.asApp()
                .get("/v1/recordings/" + recordingSid)
                .then()
                .statusCode(200)
                .body("callSid", equalTo(callSid))
                .body("duration", equalTo(42));
        tenant.asApp().queryParam("status", "nope").get("/v1/recordings").then().statusCode(400);
    }
}
