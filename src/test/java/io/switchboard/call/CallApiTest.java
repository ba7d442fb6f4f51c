package io.switchboard.call;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CallApiTest {

    @Test
    void twiliosHalfOfACallIsReadOnlyToEveryone() {
        TestTenants.Tenant tenant = TestTenants.create();
        String repEmail = "rep-" + UUID.randomUUID() + "@example.com";
        UUID rep = TestTenants.createUser(tenant, repEmail, "sales");
        String repToken = TestTenants.login(tenant, repEmail);
        WebhookSimulator twilio =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
        String callSid = WebhookSimulator.sid("CA");
        SignedWebhook.post(
                        "/webhooks/twilio/voice",
                        twilio.voice(callSid, "+14155550111", "+18005550100"),
                        tenant.authToken())
                .then()
                .statusCode(200);
        String id = tenant.asApp()
                .body(Map.of("userId", rep.toString()))
                .patch("/v1/calls/" + callSid)
                .then()
                .statusCode(200)
                .extract()
                .path("id");

        for (Map<String, Object> twilioField : List.<Map<String, Object>>of(
                Map.of("from", "+19995550000"), Map.of("to", "+19995550001"), Map.of("duration", 1))) {
            String field = twilioField.keySet().iterator().next();
            given().auth()
                    .oauth2(repToken)
                    .contentType("application/json")
                    .body(twilioField)
                    .patch("/v1/calls/" + id)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(field));
            tenant.asApp()
                    .body(twilioField)
                    .patch("/v1/calls/" + id)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(field));
        }
        given().auth()
                .oauth2(repToken)
                .contentType("application/json")
                .body(Map.of("notes", "Called back"))
                .patch("/v1/calls/" + id)
                .then()
                .statusCode(200)
                .body("from", equalTo("+14155550111"))
                .body("notes", equalTo("Called back"));
    }

    @Test
    void aCallIsLoggedByHandReadAndAnnotated() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        UUID reason = lossReason(tenant, "Price");
        String id = tenant.asApp()
                .body(Map.of(
                        "prospectName",
                        "Ada",
                        "prospectEmail",
                        "ada@example.com",
                        "callType",
                        "outbound",
                        "meetingStatus",
                        "completed",
                        "outcome",
                        "tbd",
                        "notes",
                        "Wants a demo",
                        "scheduledAt",
                        "2026-11-20T15:00:00Z"))
                .post("/v1/calls")
                .then()
                .statusCode(201)
                .body("sid", nullValue())
                .body("prospectName", equalTo("Ada"))
                .body("outcome", equalTo("tbd"))
                .body("meetingStatus", equalTo("completed"))
                .body("scheduledAt", equalTo("2026-11-20T15:00:00Z"))
                .extract()
                .path("id");
        tenant.asApp()
                .body(Map.of("outcome", "lost", "lossReasonId", reason.toString()))
                .patch("/v1/calls/" + id)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("lost"))
                .body("lossReasonId", equalTo(reason.toString()))
                .body("prospectName", equalTo("Ada"))
                .body("notes", equalTo("Wants a demo"));
        tenant.asApp()
                .body("{\"notes\": null}")
                .patch("/v1/calls/" + id)
                .then()
                .statusCode(200)
                .body("notes", nullValue());
        tenant.asApp().get("/v1/calls/" + id).then().statusCode(200).body("recordings", hasSize(0));
    }

    @Test
    void aLostCallNeedsAnActiveReasonOfItsOwnTenant() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        TestTenants.Tenant other = TestTenants.create();
        UUID othersReason = lossReason(other, "Timing");
        tenant.asApp()
                .body(Map.of("outcome", "lost"))
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lossReasonId"));
        tenant.asApp()
                .body(Map.of("outcome", "lost", "lossReasonId", othersReason.toString()))
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lossReasonId"));
        tenant.asApp()
                .body(Map.of(
                        "outcome",
                        "won",
                        "lossReasonId",
                        lossReason(tenant, "Budget").toString()))
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("lossReasonId"));
        tenant.asApp()
                .body(Map.of("userId", UUID.randomUUID().toString()))
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        tenant.asApp()
                .body(Map.of("callType", "sideways"))
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("callType"));
        tenant.asApp()
                .body(Map.of("prospectEmail", "not-an-email"))
                .post("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("prospectEmail"));
    }

    @Test
    void aCallIsFoundByIdOrTwilioSidWithItsRecordings() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        String callSid = WebhookSimulator.sid("CA");
        new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken())
                .playCall(callSid, "+14155550111", "+18005550100");
        String id = tenant.asApp()
                .get("/v1/calls/" + callSid)
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("duration", equalTo(42))
                .body("recordings", hasSize(1))
                .body("recordings[0].status", equalTo("completed"))
                .extract()
                .path("id");
        tenant.asApp().get("/v1/calls/" + id).then().statusCode(200).body("sid", equalTo(callSid));
        tenant.asApp().get("/v1/calls/" + WebhookSimulator.sid("CA")).then().statusCode(404);
        tenant.asApp().get("/v1/calls/not-an-id").then().statusCode(404);
    }

    @Test
    void filtersNarrowTheListAndBadFiltersAreNamed() {
        TestTenants.Tenant tenant = TestTenants.create();
        UUID rep = TestTenants.createUser(tenant, "sales");
        tenant.asApp()
                .body(Map.of("outcome", "won", "userId", rep.toString()))
                .post("/v1/calls")
                .then()
                .statusCode(201);
        tenant.asApp().body(Map.of("outcome", "tbd")).post("/v1/calls").then().statusCode(201);
        tenant.asApp()
                .queryParam("outcome", "won")
                .get("/v1/calls")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].userId", equalTo(rep.toString()));
        tenant.asApp()
                .queryParam("userId", rep.toString())
                .get("/v1/calls")
                .then()
                .body("data", hasSize(1));
        tenant.asApp()
                .queryParam("since", "2000-01-01T00:00:00Z")
                .queryParam("until", "2100-01-01T00:00:00Z")
                .get("/v1/calls")
                .then()
                .body("data", hasSize(2));
        tenant.asApp()
                .queryParam("until", "2000-01-01T00:00:00Z")
                .get("/v1/calls")
                .then()
                .body("data", hasSize(0));
        tenant.asApp().queryParam("status", "completed").get("/v1/calls").then().body("data", hasSize(0));
        tenant.asApp()
                .queryParam("outcome", "maybe")
                .get("/v1/calls")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("outcome"));
        tenant.asApp()
                .queryParam("since", "yesterday")
                .get("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("since"));
        tenant.asApp()
                .queryParam("userId", "x")
                .get("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        tenant.asApp().queryParam("direction", "up").get("/v1/calls").then().statusCode(400);
        tenant.asApp()
                .queryParam("limit", "0")
                .get("/v1/calls")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        tenant.asApp()
                .queryParam("since", "2026-02-01T00:00:00Z")
                .queryParam("until", "2026-01-01T00:00:00Z")
                .get("/v1/calls")
                .then()
                .statusCode(400);
    }

    @Test
    void paginationNeitherRepeatsNorSkipsWhileCallsArrive() throws Exception {
        TestTenants.Tenant tenant = TestTenants.create();
        Set<String> existing = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            existing.add(tenant.asApp()
                    .body(Map.of("notes", "call " + i))
                    .post("/v1/calls")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
        }
        ExecutorService inserter = Executors.newSingleThreadExecutor();
        Future<?> arriving = inserter.submit(() -> {
            for (int i = 0; i < 20; i++) {
                tenant.asApp()
                        .body(Map.of("notes", "new " + i))
                        .post("/v1/calls")
                        .then()
                        .statusCode(201);
            }
        });
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = tenant.asApp().queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/v1/calls").then().statusCode(200).extract();
            seen.addAll(page.path("data.id"));
            cursor = page.path("nextCursor");
        } while (cursor != null);
        arriving.get();
        inserter.shutdown();
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(existing);
    }

    @Test
    void aSalesRepSeesAndEditsOnlyTheirOwnCalls() {
        TestTenants.Tenant tenant = TestTenants.create();
        String repEmail = "rep-" + UUID.randomUUID() + "@example.com";
        UUID rep = TestTenants.createUser(tenant, repEmail, "sales");
        String repToken = TestTenants.login(tenant, repEmail);
        String othersCall = tenant.asApp()
                .body(Map.of("notes", "not yours"))
                .post("/v1/calls")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String ownCall = given().auth()
                .oauth2(repToken)
                .contentType("application/json")
                .body(Map.of("notes", "mine"))
                .post("/v1/calls")
                .then()
                .statusCode(201)
                .body("userId", equalTo(rep.toString()))
                .extract()
                .path("id");
        given().auth()
                .oauth2(repToken)
                .get("/v1/calls")
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data.userId", everyItem(equalTo(rep.toString())));
        given().auth().oauth2(repToken).get("/v1/calls/" + othersCall).then().statusCode(404);
        given().auth()
                .oauth2(repToken)
                .contentType("application/json")
                .body(Map.of("notes", "taken"))
                .patch("/v1/calls/" + othersCall)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(repToken)
                .contentType("application/json")
                .body(Map.of("userId", UUID.randomUUID().toString()))
                .patch("/v1/calls/" + ownCall)
                .then()
                .statusCode(400);
        tenant.asApp().get("/v1/calls").then().body("data", hasSize(2));
    }

    static UUID lossReason(TestTenants.Tenant tenant, String name) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection db = Database.asRuntimeLogin()) {
            Database.beginAsTenant(db, tenant.id());
            Database.update(
                    db, "INSERT INTO loss_reasons (tenant_id, id, name) VALUES (?, ?, ?)", tenant.id(), id, name);
            db.commit();
        }
        return id;
    }
}
