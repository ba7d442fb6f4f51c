package io.switchboard.idempotency;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.devdb.EmbeddedPostgresServer;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.PackagedApp;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys live in PostgreSQL, not in a process: the packaged jar in the prod profile dials with a key,
 * is stopped, and a new start answers the same key with the first call, without asking Twilio again.
 */
class IdempotencyRestartIT {

    private static final Duration START = Duration.ofSeconds(90);

    private static FakeTwilio twilio;
    private static Map<String, String> environment;

    @BeforeAll
    static void databaseAndTwilio() throws Exception {
        Map<String, String> database = EmbeddedPostgresServer.ensureStarted("it-data", true);
        twilio = new FakeTwilio();
        String twilioBase = twilio.start().get("switchboard.twilio.api-base-url");
        environment = new HashMap<>(PackagedApp.productionEnvironment(database));
        environment.put("SWITCHBOARD_TWILIO_API_BASE_URL", twilioBase);
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Test
    void aKeyedDialIsReplayedByTheNextStartOfTheService() throws Exception {
        String accountSid = Fixtures.sid("AC");
        String key = UUID.randomUUID().toString();
        String body = "{\"to\":\"+14155550177\"}";
        String apiKey;
        ExtractableResponse<Response> first;
        try (PackagedApp app = PackagedApp.start(environment)) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
            apiKey = given().auth()
                    .oauth2(PackagedApp.OPERATOR_TOKEN)
                    .contentType("application/json")
                    .body(Map.of(
                            "name",
                            "Restart Co",
                            "twilio",
                            Map.of(
                                    "accountSid",
                                    accountSid,
                                    "authToken",
                                    "token-" + Fixtures.randomHex(16),
                                    "phoneNumber",
                                    "+14155550100")))
                    .post(app.url("/admin/v1/tenants"))
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("apiKey");
            first = dial(app, apiKey, key, body);
            assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
            assertThat(first.header(IdempotencyTest.REPLAYED)).isNull();
        }

        try (PackagedApp app = PackagedApp.start(environment)) {
            assertThat(app.awaitReady(START)).as(app.output()).isTrue();
            ExtractableResponse<Response> again = dial(app, apiKey, key, body);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.header(IdempotencyTest.REPLAYED)).isEqualTo("true");
            assertThat(again.asString()).isEqualTo(first.asString());
            assertThat(dial(app, apiKey, key, "{\"to\":\"+14155550178\"}").statusCode())
                    .isEqualTo(422);
        }
        assertThat(FakeTwilio.receivedFor(accountSid)).hasSize(1);
    }

    private static ExtractableResponse<Response> dial(PackagedApp app, String apiKey, String key, String body) {
        return given().auth()
                .oauth2(apiKey)
                .contentType("application/json")
                .header(IdempotencyTest.KEY, key)
                .body(body)
                .post(app.url("/v1/calls/dial"))
                .then()
                .extract();
    }
}
