package io.switchboard.analytics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.switchboard.testing.TestTenants;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The summary checked against a fixture counted by hand. */
@QuarkusTest
class AnalyticsSummaryTest {

    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Test
    void summaryMatchesTheHandCountedFixture() {
        TestTenants.Tenant tenant = TestTenants.create();
        UUID ann = TestTenants.createUser(tenant, "ann-" + UUID.randomUUID() + "@example.com", "sales");
        UUID bob = TestTenants.createUser(tenant, "bob-" + UUID.randomUUID() + "@example.com", "sales");
        String price = reason(tenant, "Price");
        String timing = reason(tenant, "Timing");
        // Ann: won, won, lost (price), no-show tbd.  Bob: lost (price), lost (timing), completed, rescheduled.  One
        // unassigned call.
        log(tenant, ann, "won", null, "completed");
        log(tenant, ann, "won", null, "completed");
        log(tenant, ann, "lost", price, "completed");
        log(tenant, ann, "tbd", null, "no-show");
        log(tenant, bob, "lost", price, "completed");
        log(tenant, bob, "lost", timing, "no-show");
        log(tenant, bob, null, null, "rescheduled");
        log(tenant, null, null, null, null);
        // Another tenant's calls never count.
        TestTenants.Tenant other = TestTenants.create();
        other.asApp().body(Map.of("outcome", "won")).post("/v1/calls").then().statusCode(201);

        String ceo = TestTenants.loginAs(tenant, "ceo");
        String since = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        String until = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        given().config(DOUBLES)
                .auth()
                .oauth2(ceo)
                .queryParam("since", since)
                .queryParam("until", until)
                .get("/v1/analytics/summary")
                .then()
                .statusCode(200)
                .body("totalCalls", equalTo(8))
                .body("byOutcome.won", equalTo(2))
                .body("byOutcome.lost", equalTo(3))
                .body("byOutcome.tbd", equalTo(1))
                .body("byOutcome.none", equalTo(2))
                .body("conversionRate", closeTo(2.0 / 5.0, 1e-9)) // won / (won + lost)
                .body("noShowRate", closeTo(2.0 / 7.0, 1e-9)) // 2 no-shows of 7 with a meeting status
                .body("byLossReason", hasSize(2))
                .body("byLossReason[0].name", equalTo("Price"))
                .body("byLossReason[0].calls", equalTo(2))
                .body("byLossReason[1].name", equalTo("Timing"))
                .body("byLossReason[1].calls", equalTo(1))
                .body("byRep", hasSize(2))
                .body("byRep.find { it.userId == '" + ann + "' }.calls", equalTo(4))
                .body("byRep.find { it.userId == '" + ann + "' }.won", equalTo(2))
                .body("byRep.find { it.userId == '" + ann + "' }.conversionRate", closeTo(2.0 / 3.0, 1e-9))
                .body("byRep.find { it.userId == '" + bob + "' }.lost", equalTo(2))
                .body("byRep.find { it.userId == '" + bob + "' }.conversionRate", closeTo(0.0, 1e-9));

        given().auth()
                .oauth2(ceo)
                .queryParam("until", "2000-01-01T00:00:00Z")
                .queryParam("since", "1999-12-01T00:00:00Z")
                .get("/v1/analytics/summary")
                .then()
                .statusCode(200)
                .body("totalCalls", equalTo(0))
                .body("conversionRate", nullValue())
                .body("noShowRate", nullValue());
        given().auth()
                .oauth2(ceo)
                .queryParam("since", "later")
                .get("/v1/analytics/summary")
                .then()
                .statusCode(400);
    }

    private static String reason(TestTenants.Tenant tenant, String name) {
        return tenant.asApp()
                .body(Map.of("name", name))
                .post("/v1/loss-reasons")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void log(TestTenants.Tenant tenant, UUID rep, String outcome, String reason, String meeting) {
        Map<String, Object> call = new HashMap<>();
        if (rep != null) {
            call.put("userId", rep.toString());
        }
        if (outcome != null) {
            call.put("outcome", outcome);
        }
        if (reason != null) {
            call.put("lossReasonId", reason);
        }
        if (meeting != null) {
            call.put("meetingStatus", meeting);
        }
        tenant.asApp().body(call).post("/v1/calls").then().statusCode(201);
    }
}
