package io.switchboard.webhook.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plays realistic, signed Twilio webhook sequences against a running Switchboard, exactly as
 * Twilio would send them. Needs nothing but a JDK:
 *
 * <pre>
 * java src/test/java/io/switchboard/webhook/simulator/WebhookSimulator.java \
 *      --target http://localhost:8080 --account-sid AC... --auth-token ... [--calls 3] [--public-url https://calls.example.com]
 * </pre>
 *
 * Each call: voice webhook (ringing) → status ringing → in-progress → completed → recording
 * completed; then an inbound SMS and an outbound message's sent → delivered. With --public-url the
 * requests are signed for that URL and carry X-Forwarded-Proto/Host, as behind a TLS proxy.
 *
 * <p>The signing here is written independently of the service's validator (it follows Twilio's
 * documented algorithm), so tests that use it check the validator rather than mirror it.
 */
public final class WebhookSimulator {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final String publicUrl;
    private final String accountSid;
    private final String authToken;

    public WebhookSimulator(String target, String publicUrl, String accountSid, String authToken) {
        this.target = strip(target);
        this.publicUrl = publicUrl == null ? this.target : strip(publicUrl);
        this.accountSid = accountSid;
        this.authToken = authToken;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.containsKey("account-sid") || !options.containsKey("auth-token")) {
            System.err.println("usage: WebhookSimulator --target URL --account-sid AC... --auth-token TOKEN"
                    + " [--calls N] [--public-url URL]");
            System.exit(2);
        }
        WebhookSimulator simulator = new WebhookSimulator(
                options.getOrDefault("target", "http://localhost:8080"),
                options.get("public-url"),
                options.get("account-sid"),
                options.get("auth-token"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "1"));
        for (int i = 0; i < calls; i++) {
            String callSid = sid("CA");
            simulator.playCall(callSid, "+14155550" + (100 + i), "+18005550100");
            System.out.println("call " + callSid + " played");
        }
        String inbound = sid("SM");
        expectSuccess(simulator.send(
                "/webhooks/twilio/sms",
                simulator.inboundSms(inbound, "+14155550199", "+18005550100", "Hello from the simulator")));
        String outbound = sid("SM");
        expectSuccess(simulator.send("/webhooks/twilio/message-status", simulator.messageStatus(outbound, "sent")));
        expectSuccess(
                simulator.send("/webhooks/twilio/message-status", simulator.messageStatus(outbound, "delivered")));
        System.out.println("messages " + inbound + " (inbound) and " + outbound + " (outbound) played");
    }

    /** Plays a whole inbound call; fails on any answer other than 2xx. */
    public void playCall(String callSid, String from, String to) throws Exception {
        expectSuccess(send("/webhooks/twilio/voice", voice(callSid, from, to)));
        int sequence = 0;
        for (String status : List.of("ringing", "in-progress", "completed")) {
            expectSuccess(send("/webhooks/twilio/call-status", callStatus(callSid, status, sequence++, 42)));
        }
        expectSuccess(send("/webhooks/twilio/recording-status", recording(sid("RE"), callSid, "completed", 42)));
    }

    public Map<String, String> voice(String callSid, String from, String to) {
        Map<String, String> params = base();
        params.put("CallSid", callSid);
        params.put("From", from);
        params.put("Caller", from);
        params.put("To", to);
        params.put("Called", to);
        params.put("Direction", "inbound");
        params.put("CallStatus", "ringing");
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    public Map<String, String> callStatus(String callSid, String status, int sequenceNumber, int durationSeconds) {
        Map<String, String> params = base();
        params.put("CallSid", callSid);
        params.put("CallStatus", status);
        params.put("SequenceNumber", Integer.toString(sequenceNumber));
        params.put("Timestamp", RFC_1123.format(ZonedDateTime.now(ZoneOffset.UTC)));
        params.put("CallbackSource", "call-progress-events");
        if ("completed".equals(status)) {
            params.put("CallDuration", Integer.toString(durationSeconds));
        }
        return params;
    }

    public Map<String, String> recording(String recordingSid, String callSid, String status, int durationSeconds) {
        Map<String, String> params = base();
        params.put("RecordingSid", recordingSid);
        params.put("CallSid", callSid);
        params.put("RecordingStatus", status);
        params.put("RecordingDuration", Integer.toString(durationSeconds));
        params.put("RecordingChannels", "2");
        params.put("RecordingSource", "DialVerb");
        params.put(
                "RecordingUrl",
                "https://api.twilio.com/2010-04-01/Accounts/" + accountSid + "/Recordings/" + recordingSid);
        return params;
    }

    public Map<String, String> inboundSms(String messageSid, String from, String to, String body) {
        Map<String, String> params = base();
        params.put("MessageSid", messageSid);
        params.put("SmsSid", messageSid);
        params.put("From", from);
        params.put("To", to);
        params.put("Body", body);
        params.put("NumSegments", "1");
        params.put("NumMedia", "0");
        params.put("SmsStatus", "received");
        return params;
    }

    public Map<String, String> messageStatus(String messageSid, String status) {
        Map<String, String> params = base();
        params.put("MessageSid", messageSid);
        params.put("MessageStatus", status);
        params.put("SmsStatus", status);
        return params;
    }

    public String accountSid() {
        return accountSid;
    }

    /** Sends a signed webhook; the public URL (signed) and the target (connected to) may differ. */
    public HttpResponse<String> send(String pathAndQuery, Map<String, String> params) throws Exception {
        String signedUrl = publicUrl + pathAndQuery;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(signedUrl, params, authToken))
                .header("User-Agent", "TwilioProxy/1.1")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(params)));
        if (!publicUrl.equals(target)) {
            URI publicUri = URI.create(publicUrl);
            request.header("X-Forwarded-Proto", publicUri.getScheme());
            request.header("X-Forwarded-Host", publicUri.getRawAuthority());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Twilio's documented algorithm: the full URL, then every parameter's name and value appended
     * in name order, HMAC-SHA1 with the auth token, base64.
     */
    public static String signature(String url, Map<String, String> params, String authToken) {
        String payload = url
                + params.entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .map(entry -> entry.getKey() + entry.getValue())
                        .collect(Collectors.joining());
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String formEncode(Map<String, String> params) {
        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    public static String sid(String prefix) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }

    private Map<String, String> base() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", accountSid);
        return params;
    }

    private static void expectSuccess(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    response.request().uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
