package io.switchboard.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bytes a fuzzer would send, each answered as the client's fault with problem JSON naming what is
 * wrong: never a 5xx, never a silent coercion, never a "database unavailable".
 */
@QuarkusTest
class StrictInputTest {

    /** A JSON string holding a NUL character, as its escape. */
    private static final String NUL = "\\u0000";

    @Test
    void aMissingOrNullBodyIsA400NamingTheBody() {
        TestTenants.Tenant tenant = TestTenants.create();
        for (String body : new String[] {"", "null"}) {
            given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/v1/auth/login")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("body"));
            TestTenants.asOperator()
                    .body(body)
                    .post("/admin/v1/tenants")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("body"));
            TestTenants.asOperator()
                    .body(body)
                    .post("/admin/v1/tenants/" + tenant.id() + "/users")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("body"));
            tenant.asApp()
                    .body(body)
                    .post("/v1/products")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("body"));
        }
    }

    @Test
    void aNulCharacterIsA400NamingTheField() {
        TestTenants.Tenant tenant = TestTenants.create();
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"a" + NUL + "@example.com\",\"password\":\"x\",\"tenantId\":\"" + tenant.id()
                        + "\"}")
                .post("/v1/auth/login")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("email"));
        tenant.asApp()
                .body("{\"notes\":\"before" + NUL + "after\"}")
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("notes"))
                .body("errors[0].message", containsString("NUL"));
        tenant.asApp()
                .body("{\"theme\":{\"colour\":\"" + NUL + "\"}}")
                .put("/v1/branding")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("theme.colour"));
        tenant.asApp()
                .body("{\"autoRecordCalls\":true,\"extra\":{\"k" + NUL + "\":1}}")
                .put("/v1/settings")
                .then()
                .statusCode(400);
        String call = tenant.asApp()
                .body("{\"notes\":\"fine\"}")
                .post("/v1/calls")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        tenant.asApp()
                .body("{\"notes\":\"" + NUL + "\"}")
                .patch("/v1/calls/" + call)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("notes"));
        tenant.asApp()
                .urlEncodingEnabled(false)
                .get("/v1/calls?status=%00")
                .then()
                .statusCode(400);
        tenant.asApp().urlEncodingEnabled(false).get("/v1/calls/%00").then().statusCode(404);
    }

    @Test
    void valuesAreNeverCoercedAndUnknownFieldsAreRefused() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .body("{\"name\":123456}")
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"));
        tenant.asApp()
                .body("{\"name\":\"Plan\",\"price\":99}")
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("price"));
        tenant.asApp()
                .body("{\"name\":\"Plan\",\"priceCents\":\"99\",\"currency\":\"USD\"}")
                .post("/v1/products")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("priceCents"));
        tenant.asApp()
                .body("{\"autoRecordCalls\":\"true\"}")
                .put("/v1/settings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("autoRecordCalls"));
        tenant.asApp()
                .body("{\"autoRecordCalls\":1}")
                .put("/v1/settings")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("autoRecordCalls"));
        TestTenants.asOperator()
                .body("{\"status\":\"inactive\",\"surprise\":true}")
                .patch("/admin/v1/tenants/" + tenant.id())
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("surprise"));
        tenant.asApp()
                .body("{\"name\":\"Plan\"} trailing")
                .post("/v1/products")
                .then()
                .statusCode(400);
        tenant.asApp().get("/v1/settings").then().statusCode(200);
    }

    @Test
    void logoutWithAnApiKeyIsA400NotAFailure() {
        TestTenants.create()
                .asApp()
                .post("/v1/auth/logout")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Authorization"));
    }

    @Test
    void aWebhookWithoutAValidSignatureIsA403WhateverItsBytes() {
        for (String body : new String[] {
            "AccountSid=AC%00x&MessageSid=SM1&Body=hi",
            "AccountSid=%ZZ",
            "\u0000\u0001",
            "AccountSid=" + "A".repeat(5000)
        }) {
            given().contentType("application/x-www-form-urlencoded")
                    .body(body)
                    .post("/webhooks/twilio/sms")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            given().contentType("application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", "forged")
                    .body(body)
                    .post("/webhooks/twilio/sms")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aSignedWebhookWithANulIsTheSendersFaultNotAnOutage() {
        TestTenants.Tenant tenant = TestTenants.create();
        WebhookSimulator twilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
        Map<String, String> sms = new LinkedHashMap<>(
                twilio.inboundSms(WebhookSimulator.sid("SM"), "+14155550111", "+18005550100", "hi"));
        sms.put("Body", "before\u0000after");
        SignedWebhook.post("/webhooks/twilio/sms", sms, tenant.authToken())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void tooLargeBodiesAndTooLongUrlsAreProblemsToo() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .body("{\"notes\":\"" + "x".repeat(1_100_000) + "\"}")
                .post("/v1/calls")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
        tenant.asApp()
                .get("/v1/calls?since=" + "9".repeat(9000))
                .then()
                .statusCode(414)
                .contentType("application/problem+json")
                .body("status", equalTo(414));
    }

    @Test
    void matrixParametersDoNotSlipPastTheAdminPrefix() {
        TestTenants.Tenant tenant = TestTenants.create();
        tenant.asApp()
                .urlEncodingEnabled(false)
                .get("/admin;x/v1/tenants")
                .then()
                .statusCode(401);
        tenant.asApp()
                .urlEncodingEnabled(false)
                .get("/admin;x=1/v1;y/tenants/" + tenant.id())
                .then()
                .statusCode(401);
        TestTenants.asOperator()
                .urlEncodingEnabled(false)
                .get("/admin;x/v1/tenants")
                .then()
                .statusCode(200);
    }
}
