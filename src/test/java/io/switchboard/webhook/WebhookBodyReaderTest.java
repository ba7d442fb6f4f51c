package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.switchboard.common.LingeringClose;
import io.switchboard.testing.RawHttp;
import io.switchboard.testing.SignedWebhook;
import io.switchboard.testing.TestTenants;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhook bodies are read whole before the request reaches its resource, over HTTP/1.1 as Twilio
 * sends them: however the body is cut into pieces, the signed parameters arrive intact; a body
 * larger than Twilio sends, or one that stops arriving, is answered and its connection closed.
 * Raw sockets, so the framing is exactly what the test writes.
 */
@QuarkusTest
class WebhookBodyReaderTest {

    private static final String VOICE = "/webhooks/twilio/voice";

    /** quarkus.http.read-timeout in tests. */
    private static Duration readTimeout() {
        return ConfigProvider.getConfig().getValue("quarkus.http.read-timeout", Duration.class);
    }

    private TestTenants.Tenant tenant;
    private WebhookSimulator twilio;

    @BeforeEach
    void newTenant() {
        tenant = TestTenants.create();
        twilio = new WebhookSimulator(SignedWebhook.localBase(), null, tenant.accountSid(), tenant.authToken());
    }

    @Test
    void aSignedBodySentInSmallChunksWithPausesIsAnsweredWithTwiml() throws Exception {
        Map<String, String> voice = anIncomingCall();
        byte[] body = bytes(voice);

        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(voice, "Transfer-Encoding: chunked\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int from = 0; from < body.length; from += 7) {
                int length = Math.min(7, body.length - from);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, from, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (from % 70 == 0) {
                    Thread.sleep(5);
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String answer = RawHttp.readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 200").contains("<Response>");
        }
    }

    @Test
    void aBodyThatAsksToContinueIsAnsweredWithTwiml() throws Exception {
        Map<String, String> voice = anIncomingCall();
        byte[] body = bytes(voice);

        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(voice, "Expect: 100-continue\r\nContent-Length: " + body.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String interim = RawHttp.readLine(socket.getInputStream());
            assertThat(interim).startsWith("HTTP/1.1 100");
            RawHttp.readLine(socket.getInputStream());
            out.write(body);
            out.flush();

            assertThat(RawHttp.readUntilClosed(socket.getInputStream()))
                    .startsWith("HTTP/1.1 200")
                    .contains("<Response>");
        }
    }

    @Test
    void aChunkedBodyThatGrowsPastTwilioSizesIsRefusedAndItsConnectionClosedMidBody() throws Exception {
        Map<String, String> voice = anIncomingCall();
        byte[] chunk = "a".repeat(8 * 1024).getBytes(StandardCharsets.US_ASCII);

        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            // Keep-alive, and the last chunk is never sent: only the service can end this request.
            out.write(head(voice, "Transfer-Encoding: chunked\r\n", false).getBytes(StandardCharsets.US_ASCII));
            // Sent whole: what follows the refusal is read and discarded, so no write is reset.
            for (int i = 0; i < 16; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();

            String answer = RawHttp.readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
            assertThat(answer.toLowerCase()).contains("connection: close");
        }
    }

    @Test
    void aDeclaredLengthPastTwilioSizesIsRefusedBeforeItsBodyIsRead() throws Exception {
        Map<String, String> voice = anIncomingCall();

        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(head(voice, "Content-Length: " + (WebhookGate.MAX_BODY_BYTES + 1) + "\r\n", false)
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = RawHttp.readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredWhenTheReadTimeoutEnds() throws Exception {
        Map<String, String> voice = anIncomingCall();
        byte[] body = bytes(voice);

        try (Socket socket = connect()) {
            socket.setSoTimeout((int) readTimeout().plusSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head(voice, "Content-Length: " + body.length + "\r\n", false)
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, body.length / 2);
            out.flush();

            long started = System.nanoTime();
            String answer = RawHttp.readUntilClosed(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isLessThan(readTimeout().plusSeconds(15));
        }
    }

    private Map<String, String> anIncomingCall() {
        return twilio.voice(WebhookSimulator.sid("CA"), "+14155550111", "+18005550100");
    }

    private static byte[] bytes(Map<String, String> params) {
        return WebhookSimulator.formEncode(params).getBytes(StandardCharsets.UTF_8);
    }

    private static Socket connect() throws IOException {
        return RawHttp.connect(LingeringClose.LINGER.plusSeconds(10));
    }

    private String head(Map<String, String> params, String framing) {
        return head(params, framing, true);
    }

    private String head(Map<String, String> params, String framing, boolean close) {
        String signature = WebhookSimulator.signature(SignedWebhook.localBase() + VOICE, params, tenant.authToken());
        return "POST " + VOICE + " HTTP/1.1\r\n"
                + "Host: localhost:" + RestAssured.port + "\r\n"
                + "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
                + "X-Twilio-Signature: " + signature + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + framing
                + "\r\n";
    }
}
