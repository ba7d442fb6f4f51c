package io.switchboard.call;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.testing.FakeTwilio;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A recording's audio through Switchboard, from a local fake Twilio: the bytes, their type and
 * ranges, the tenant's credentials on the request to Twilio, who may play what, and that nothing
 * but the configured Twilio base is ever contacted.
 */
@QuarkusTest
@WithTestResource(value = FakeTwilio.class, scope = TestResourceScope.GLOBAL)
class RecordingMediaTest {

    private TestTenants.Tenant tenant;
    /** Another local listener, standing for an internal address a forged URL could point at. */
    private HttpServer elsewhere;

    private final AtomicInteger elsewhereHits = new AtomicInteger();

    @BeforeEach
    void tenantAndAnotherListener() throws Exception {
        tenant = TestTenants.create();
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        elsewhere.start();
    }

    @AfterEach
    void stopListener() {
        elsewhere.stop(0);
    }

    @Test
    void streamsTheMp3FromTwilioWithTheTenantsCredentials() {
        String sid = recording(WebhookSimulator.sid("CA"), "completed", null);
        Response audio = tenant.asApp().get("/v1/recordings/" + sid + "/media");

        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.contentType()).startsWith("audio/mpeg");
        assertThat(audio.asByteArray()).isEqualTo(FakeTwilio.audio(sid, "mp3"));
        assertThat(audio.header("Content-Length")).isEqualTo(Integer.toString(FakeTwilio.AUDIO_LENGTH));
        FakeTwilio.Received request = mediaRequests().get(0);
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path())
                .isEqualTo("/2010-04-01/Accounts/" + tenant.accountSid() + "/Recordings/" + sid + ".mp3");
        assertThat(request.basicUser()).isEqualTo(tenant.accountSid());
        assertThat(request.basicPassword()).isEqualTo(tenant.authToken());
    }

    @Test
    void wavIsTwiliosWavAndARecordingIsFoundByIdToo() {
        String sid = recording(WebhookSimulator.sid("CA"), "completed", null);
        String id = tenant.asApp().get("/v1/recordings/" + sid).then().extract().path("id");
        Response audio = tenant.asApp().queryParam("format", "wav").get("/v1/recordings/" + id + "/media");

        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.contentType()).startsWith("audio/x-wav");
        assertThat(audio.asByteArray()).isEqualTo(FakeTwilio.audio(sid, "wav"));
        assertThat(mediaRequests().get(0).path()).endsWith("/Recordings/" + sid + ".wav");
        tenant.asApp()
                .queryParam("format", "ogg")
                .get("/v1/recordings/" + sid + "/media")
                .then()
                .statusCode(400);
    }

    @Test
    void aRangeIsPassedToTwilioAndAnswered206() {
        String sid = recording(WebhookSimulator.sid("CA"), "completed", null);
        Response part = tenant.asApp().header("Range", "bytes=100-199").get("/v1/recordings/" + sid + "/media");

        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 100-199/" + FakeTwilio.AUDIO_LENGTH);
        assertThat(part.asByteArray()).isEqualTo(Arrays.copyOfRange(FakeTwilio.audio(sid, "mp3"), 100, 200));
        assertThat(mediaRequests().get(0).range()).isEqualTo("bytes=100-199");

        tenant.asApp()
                .header("Range", "bytes=" + FakeTwilio.AUDIO_LENGTH + "-")
                .get("/v1/recordings/" + sid + "/media")
                .then()
                .statusCode(416)
                .header("Content-Range", "bytes */" + FakeTwilio.AUDIO_LENGTH)
                .contentType("application/problem+json");
    }

    @Test
    void aRecordingNotYetCompletedIs409AndTwilioIsNotAsked() {
        String sid = recording(WebhookSimulator.sid("CA"), "in-progress", null);
        tenant.asApp()
                .get("/v1/recordings/" + sid + "/media")
                .then()
                .statusCode(409)
                .body("detail", containsString("in-progress"));
        assertThat(mediaRequests()).isEmpty();
    }

    @Test
    void anotherTenantsRecordingIs404() {
        String sid = recording(WebhookSimulator.sid("CA"), "completed", null);
        TestTenants.Tenant other = TestTenants.create();
        other.asApp().get("/v1/recordings/" + sid + "/media").then().statusCode(404);
        other.asApp()
                .get("/v1/recordings/" + WebhookSimulator.sid("RE") + "/media")
                .then()
                .statusCode(404);
        assertThat(mediaRequests()).isEmpty();
    }

    @Test
    void twilioFailingIs502() {
        String sid = recording(WebhookSimulator.sid("CA"), "completed", null);
        for (FakeTwilio.Behaviour failure : List.of(
                FakeTwilio.Behaviour.MEDIA_MISSING, FakeTwilio.Behaviour.HANG_UP, FakeTwilio.Behaviour.RATE_LIMITED)) {
            FakeTwilio.behave(tenant.accountSid(), failure);
            tenant.asApp()
                    .get("/v1/recordings/" + sid + "/media")
                    .then()
                    .statusCode(502)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aSalesRepPlaysOnlyTheirOwnCallsRecordings() {
        String rep = TestTenants.loginAs(tenant, "sales");
        String otherRep = TestTenants.loginAs(tenant, "sales");
        String callSid = given().auth()
                .oauth2(rep)
                .contentType("application/json")
                .body(Map.of("to", "+14155550177"))
                .post("/v1/calls/dial")
                .then()
                .statusCode(201)
                .extract()
                .path("sid");
        String sid = recording(callSid, "completed", null);

        given().auth()
                .oauth2(rep)
                .get("/v1/recordings/" + sid + "/media")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(otherRep)
                .get("/v1/recordings/" + sid + "/media")
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(TestTenants.loginAs(tenant, "admin"))
                .get("/v1/recordings/" + sid + "/media")
                .then()
                .statusCode(200);
    }

    @Test
    void theRecordingUrlAWebhookCarriedIsNeverFetched() {
        String forged = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/internal/secrets.mp3";
        String sid = recording(WebhookSimulator.sid("CA"), "completed", forged);
        tenant.asApp().get("/v1/recordings/" + sid).then().statusCode(200).body("url", equalTo(forged));

        Response audio = tenant.asApp().get("/v1/recordings/" + sid + "/media");

        assertThat(audio.statusCode()).isEqualTo(200);
        assertThat(audio.asByteArray()).isEqualTo(FakeTwilio.audio(sid, "mp3"));
        assertThat(elsewhereHits).hasValue(0);
    }

    @Test
    void aRedirectIsFollowedOnlyWithinTwiliosBase() {
        String sid = recording(WebhookSimulator.sid("CA"), "completed", null);
        FakeTwilio.behave(tenant.accountSid(), FakeTwilio.Behaviour.MEDIA_REDIRECT_SAME_HOST);
        tenant.asApp().get("/v1/recordings/" + sid + "/media").then().statusCode(200);
        assertThat(mediaRequests()).hasSize(2).allSatisfy(request -> assertThat(request.basicUser())
                .isEqualTo(tenant.accountSid()));

        FakeTwilio.redirectMediaTo(
                tenant.accountSid(),
                "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/cdn/" + sid);
        tenant.asApp().get("/v1/recordings/" + sid + "/media").then().statusCode(502);
        assertThat(elsewhereHits).hasValue(0);
    }

    @Test
    void answersThatAreNeverStreamedStillGiveTwiliosConnectionBack() throws Exception {
        String sid = recording(WebhookSimulator.sid("CA"), "completed", null);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest head = HttpRequest.newBuilder(
                        URI.create(SignedWebhook.localBase() + "/v1/recordings/" + sid + "/media"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + tenant.apiKey())
                .build();
        // More than the 100 connections TwilioMedia keeps to one host: a leak would exhaust them.
        for (int i = 0; i < 110; i++) {
            assertThat(client.send(head, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as("HEAD %d", i)
                    .isEqualTo(200);
        }
    }

    /** A recording-status webhook, signed with the tenant's token; returns the RecordingSid. */
    private String recording(String callSid, String status, String url) {
        String sid = WebhookSimulator.sid("RE");
        Map<String, String> params = new HashMap<>();
        params.put("AccountSid", tenant.accountSid());
        params.put("CallSid", callSid);
        params.put("RecordingSid", sid);
        params.put("RecordingStatus", status);
        params.put("RecordingDuration", "12");
        params.put(
                "RecordingUrl",
                url != null
                        ? url
                        : "https://api.twilio.com/2010-04-01/Accounts/" + tenant.accountSid() + "/Recordings/" + sid);
        SignedWebhook.post("/webhooks/twilio/recording-status", params, tenant.authToken())
                .then()
                .statusCode(204);
        return sid;
    }

    private List<FakeTwilio.Received> mediaRequests() {
        return FakeTwilio.receivedFor(tenant.accountSid()).stream()
                .filter(request -> request.path().contains("/Recordings/"))
                .toList();
    }
}
