package io.switchboard.common;

import static io.switchboard.testing.RawHttp.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.testing.Database;
import io.switchboard.testing.RawHttp;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A body over the size limit is refused by its declared length before it is read, and the
 * connection then serves no other request. Clients that send the whole body before reading the
 * answer, as most do, must still get to read that answer. Raw sockets, so the order of writes and
 * reads is exactly the test's.
 */
@QuarkusTest
class RequestLimitsTest {

    /** Over quarkus.http.limits.max-body-size (1M). */
    private static final int TOO_LARGE = 1_100_000;

    private static final Duration PAST_THE_LINGER = LingeringClose.LINGER.plusSeconds(10);

    @Test
    void aClientThatSendsItsWholeBodyBeforeReadingStillReadsThe413() throws Exception {
        try (Socket socket = RawHttp.connect(PAST_THE_LINGER)) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii(head(TOO_LARGE)));
            out.flush();
            // By now the answer is written: a connection closed with it would reset these writes.
            Thread.sleep(500);
            byte[] piece = new byte[64 * 1024];
            for (int sent = 0; sent < TOO_LARGE; sent += piece.length) {
                out.write(piece, 0, Math.min(piece.length, TOO_LARGE - sent));
            }
            out.flush();

            String answer = RawHttp.readUntilClosed(socket.getInputStream());

            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .contains("application/problem+json")
                    .contains("\"status\":413");
            assertThat(answer.toLowerCase()).contains("connection: close");
        }
    }

    @Test
    void aRequestPipelinedRightBehindARefusedBodyIsNeverServed() throws Exception {
        Caller twilio = new Caller();
        String callSid = WebhookSimulator.sid("CA");

        String answers;
        try (Socket socket = RawHttp.connect(PAST_THE_LINGER)) {
            // A webhook body past Twilio's sizes and a signed webhook behind it, in one write, so
            // the service reads both before its answer to the first is flushed: the second would
            // have an effect (a call row) even with its answer lost to the close.
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.write(twilio.oversizedWebhook());
            both.write(twilio.incomingCall(callSid));
            socket.getOutputStream().write(both.toByteArray());
            socket.getOutputStream().flush();
            answers = RawHttp.readUntilClosed(socket.getInputStream());
        }

        assertThat(statuses(answers)).as(answers).containsExactly(413);
        assertNeverHandled(callSid);
    }

    @Test
    void aRefusedClientThatSendsNoBodyIsAnsweredAndItsConnectionClosed() throws Exception {
        try (Socket socket = RawHttp.connect(PAST_THE_LINGER)) {
            socket.getOutputStream().write(ascii(head(TOO_LARGE)));
            socket.getOutputStream().flush();

            // Returns only once the service closes the connection; a read timeout fails the test.
            assertThat(RawHttp.readUntilClosed(socket.getInputStream())).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aRefusedBodyIsDiscardedOnlyUpToALimitThenTheConnectionIsCut() throws Exception {
        long declared = 1L << 30;
        try (Socket socket = RawHttp.connect(PAST_THE_LINGER)) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii(head(declared)));
            byte[] piece = new byte[64 * 1024];
            long limit = 8 * LingeringClose.MAX_DISCARDED_BYTES;

            assertThatThrownBy(() -> {
                        for (long sent = 0; sent < limit; sent += piece.length) {
                            out.write(piece);
                        }
                    })
                    .as("writes go on failing once the service stops discarding")
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void aUrlOverTheLengthLimitIsA414AndTheConnectionServesTheNextRequest() throws Exception {
        String tooLong = "/v1/calls?since=" + "9".repeat(RequestLimits.MAX_URI_LENGTH);
        try (Socket socket = RawHttp.connect(PAST_THE_LINGER)) {
            OutputStream out = socket.getOutputStream();
            out.write(ascii("GET " + tooLong + " HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            out.write(ascii("GET /v1/calls HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            out.flush();

            String answers = RawHttp.readUntilClosed(socket.getInputStream());

            // The second request is answered too (401: it carries no key).
            assertThat(answers).startsWith("HTTP/1.1 414").contains("HTTP/1.1 401");
        }
    }

    @Test
    void overHttp2ARefusedBodyEndsOnlyItsOwnStreamNotTheSharedConnection() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(false)
                    .setDefaultHost("localhost")
                    .setDefaultPort(RestAssured.port));

            Answer refused = await(client.request(HttpMethod.POST, "/v1/calls")
                    .compose(request -> request.putHeader("Content-Type", "application/json")
                            .putHeader("Content-Length", String.valueOf(TOO_LARGE))
                            .send(Buffer.buffer(new byte[TOO_LARGE])))
                    .compose(Answer::of));
            Answer next = await(client.request(HttpMethod.GET, "/v1/calls")
                    .compose(HttpClientRequest::send)
                    .compose(Answer::of));

            assertThat(refused.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(refused.status()).isEqualTo(413);
            assertThat(refused.body()).contains("\"status\":413");
            assertThat(next.status()).as("the same client's next request").isEqualTo(401);
            assertThat(next.connection())
                    .as("the connection the refusal came on still serves requests")
                    .isSameAs(refused.connection());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** A response read whole, on the client's event loop, before any of it can be dropped. */
    private record Answer(HttpVersion version, int status, String body, HttpConnection connection) {
        static Future<Answer> of(HttpClientResponse response) {
            return response.body()
                    .map(body -> new Answer(
                            response.version(),
                            response.statusCode(),
                            body.toString(),
                            response.request().connection()));
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** A tenant's Twilio, signing incoming calls to the voice webhook as raw HTTP/1.1 requests. */
    private static final class Caller {
        private static final String VOICE = "/webhooks/twilio/voice";
        private final TestTenants.Tenant tenant = TestTenants.create();
        private final WebhookSimulator simulator =
                new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());

        /** Refused by its declared length, whole. */
        byte[] oversizedWebhook() {
            int length = 64 * 1024 + 1; // one past the webhook limit, WebhookGate.MAX_BODY_BYTES
            return ascii("POST " + VOICE + " HTTP/1.1\r\n"
                    + "Host: localhost:" + RestAssured.port + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
                    + "X-Twilio-Signature: unchecked\r\n"
                    + "Content-Length: " + length + "\r\n\r\n"
                    + "a".repeat(length));
        }

        byte[] incomingCall(String callSid) {
            Map<String, String> call = simulator.voice(callSid, "+14155550111", "+18005550100");
            String body = WebhookSimulator.formEncode(call);
            return ascii("POST " + VOICE + " HTTP/1.1\r\n"
                    + "Host: localhost:" + RestAssured.port + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
                    + "X-Twilio-Signature: "
                    + WebhookSimulator.signature(SignedWebhook.localBase() + VOICE, call, tenant.authToken()) + "\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n"
                    + body);
        }
    }

    /** The status codes answered, in order (an answer's body may run straight into the next). */
    private static List<Integer> statuses(String answers) {
        return Pattern.compile("HTTP/1\\.1 (\\d{3}) ")
                .matcher(answers)
                .results()
                .map(status -> Integer.valueOf(status.group(1)))
                .toList();
    }

    /** Webhooks run on worker threads: one that had been dispatched would have committed by now. */
    private static void assertNeverHandled(String callSid) throws Exception {
        Thread.sleep(2000);
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(db, "SELECT status FROM calls WHERE sid = ?", callSid))
                    .as("the webhook behind the refused request was never handled")
                    .isEmpty();
        }
    }

    private static String head(long contentLength) {
        return "POST /v1/calls HTTP/1.1\r\n"
                + "Host: localhost:" + RestAssured.port + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + contentLength + "\r\n"
                + "\r\n";
    }
}
