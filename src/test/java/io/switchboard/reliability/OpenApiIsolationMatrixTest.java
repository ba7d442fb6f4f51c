package io.switchboard.reliability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The cross-tenant matrix, generated from the OpenAPI document: every tenant API operation, called
 * by tenant B (API key and a JWT of each role) on tenant A's resources. Each answer must be 404 for
 * a resource of A, or 401/403, and never carry A's data. An operation added later is covered
 * automatically; one whose path parameter this test cannot fill fails it until it is taught.
 */
@QuarkusTest
class OpenApiIsolationMatrixTest {

    @Test
    void tenantBNeverReachesTenantAsResourcesThroughAnyDocumentedOperation() throws Exception {
        TestTenants.Tenant a = TestTenants.create();
        String callSid = WebhookSimulator.sid("CA");
        new WebhookSimulator(SignedWebhook.localBase(), null, a.accountSid(), a.authToken())
                .playCall(callSid, "+14155550111", "+18005550100");
        String secretNote = "A-only-" + UUID.randomUUID();
        // An endpoint of A's (to a port nothing listens on), subscribed to call.logged: logging the
        // call below gives A an event.
        String endpointId = a.asApp()
                .body(Map.of(
                        "url",
                        "http://127.0.0.1:9/" + secretNote,
                        "events",
                        List.of("call.logged"),
                        "description",
                        secretNote))
                .post("/v1/webhook-endpoints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String callId = a.asApp()
                .body(Map.of("notes", secretNote))
                .post("/v1/calls")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String recordingId = a.asApp().get("/v1/recordings").then().extract().path("data[0].id");
        String eventId =
                a.asApp().get("/v1/events").then().statusCode(200).extract().path("data[0].id");
        Map<String, String> resourceOfA = Map.ofEntries(
                Map.entry("/v1/webhook-endpoints/", endpointId),
                Map.entry("/v1/events/", eventId),
                Map.entry("/v1/calls/", callId),
                Map.entry("/v1/messages/", "SM" + "0".repeat(32)),
                Map.entry("/v1/recordings/", recordingId),
                Map.entry(
                        "/v1/products/",
                        a.asApp()
                                .body(Map.of("name", secretNote))
                                .post("/v1/products")
                                .then()
                                .extract()
                                .path("id")),
                Map.entry(
                        "/v1/content/",
                        a.asApp()
                                .body(Map.of("title", secretNote, "type", "note", "body", "x"))
                                .post("/v1/content")
                                .then()
                                .extract()
                                .path("id")),
                Map.entry(
                        "/v1/loss-reasons/",
                        a.asApp()
                                .body(Map.of("name", secretNote))
                                .post("/v1/loss-reasons")
                                .then()
                                .extract()
                                .path("id")),
                Map.entry("/v1/users/", TestTenants.createUser(a, "sales").toString()),
                Map.entry("/v1/sessions/", UUID.randomUUID().toString()));

        TestTenants.Tenant b = TestTenants.create();
        Map<String, Supplier<RequestSpecification>> callers = Map.of(
                "B's API key", b::asApp,
                "B's ceo", bearer(TestTenants.loginAs(b, "ceo")),
                "B's admin", bearer(TestTenants.loginAs(b, "admin")),
                "B's sales", bearer(TestTenants.loginAs(b, "sales")));

        JsonPath openApi = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (var path : paths.entrySet()) {
            String template = path.getKey();
            if (!template.startsWith("/v1/") || template.startsWith("/v1/auth/")) {
                continue;
            }
            String concrete = fill(template, resourceOfA);
            if (concrete == null) {
                problems.add(template + ": no resource of tenant A to try; teach this test the path");
                continue;
            }
            for (String method : path.getValue().keySet()) {
                for (var caller : callers.entrySet()) {
                    RequestSpecification request = caller.getValue().get();
                    if (!method.equals("get") && !method.equals("delete")) {
                        request.body("{}");
                    }
                    var response = request.request(method.toUpperCase(), concrete);
                    checked++;
                    int status = response.statusCode();
                    boolean targetsA = !concrete.equals(template);
                    boolean allowed = targetsA
                            ? (status == 404 || status == 401 || status == 403 || status == 400)
                            : status < 500 && status != 401;
                    if (!allowed
                            || response.asString().contains("A-only-")
                            || response.asString().contains(callSid)) {
                        problems.add(method.toUpperCase() + " " + concrete + " as " + caller.getKey() + ": " + status);
                    }
                }
            }
        }
        assertThat(checked).as("operations checked").isGreaterThan(60);
        assertThat(problems).isEmpty();
        a.asApp().get("/v1/calls/" + callId).then().statusCode(200);
    }

    /** The path with its parameter replaced by A's resource, the path itself when it has none, or null. */
    private static String fill(String template, Map<String, String> resourceOfA) {
        int brace = template.indexOf('{');
        if (brace < 0) {
            return template;
        }
        String prefix = template.substring(0, brace);
        String id = resourceOfA.get(prefix);
        return id == null ? null : prefix + id + template.substring(template.indexOf('}') + 1);
    }

    private static Supplier<RequestSpecification> bearer(String token) {
        return () -> given().auth().oauth2(token).contentType("application/json");
    }
}
