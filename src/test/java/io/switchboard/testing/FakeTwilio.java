package io.switchboard.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Twilio's REST API: creating calls and messages (Calls.json, Messages.json),
 * so outbound requests can be checked exactly as Twilio would receive them; recordings' media; and
 * listing an account's calls, recordings and messages ({@link FakeTwilioAccounts}) for
 * reconciliation. Each account can be told to succeed, fail with a Twilio error, refuse its
 * credentials, ask to slow down, or not answer in time.
 */
public class FakeTwilio implements QuarkusTestResourceLifecycleManager {

    public enum Behaviour {
        ACCEPT,
        REFUSE_INVALID_NUMBER,
        TOO_SLOW,
        /** 201 with a price_unit twilio-java cannot map to a currency. */
        ACCEPT_WITH_BAD_PRICE_UNIT,
        /** 201 with a string where Twilio's JSON has an object. */
        ACCEPT_WITH_STRING_FOR_OBJECT,
        /** 201 without a sid. */
        ACCEPT_WITHOUT_SID,
        /** 429 with Retry-After, as Twilio answers past its concurrency limit. */
        RATE_LIMITED,
        /** The connection is closed before any answer. */
        HANG_UP,
        /** 401 Authenticate (20003), as for a wrong auth token or a closed account. */
        REFUSE_CREDENTIALS,
        /** Media: 404, as for a recording Twilio no longer has. */
        MEDIA_MISSING,
        /** Media: a redirect to the same path on this server, which is then served. */
        MEDIA_REDIRECT_SAME_HOST,
        /** Media: a redirect to the URL given with {@link #redirectMediaTo}. */
        MEDIA_REDIRECT_ELSEWHERE
    }

    /** One request as Twilio received it; {@code range} is its Range header. */
    public record Received(
            String method,
            String path,
            String basicUser,
            String basicPassword,
            Map<String, String> form,
            String range) {}

    /** How long every fake recording is, in bytes. */
    public static final int AUDIO_LENGTH = 40_000;

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static final Map<String, Behaviour> BEHAVIOURS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> RATE_LIMITS_LEFT = new ConcurrentHashMap<>();
    private static final Map<String, String> RETRY_AFTER = new ConcurrentHashMap<>();
    private static final Map<String, Long> LIST_DELAYS_MILLIS = new ConcurrentHashMap<>();
    private static final Map<String, String> REDIRECTS = new ConcurrentHashMap<>();
    private HttpServer server;

    public static void behave(String accountSid, Behaviour behaviour) {
        BEHAVIOURS.put(accountSid, behaviour);
    }

    /** The account's next {@code requests} requests get 429 with {@code Retry-After: 1}; then it answers. */
    public static void rateLimitNext(String accountSid, int requests) {
        rateLimitNext(accountSid, requests, 1);
    }

    /** The same, asking to wait {@code retryAfterSeconds}. */
    public static void rateLimitNext(String accountSid, int requests, int retryAfterSeconds) {
        RETRY_AFTER.put(accountSid, Integer.toString(retryAfterSeconds));
        RATE_LIMITS_LEFT.put(accountSid, new AtomicInteger(requests));
    }

    /** Every list page of the account is answered this much later, as a busy Twilio would. */
    public static void delayLists(String accountSid, long millis) {
        LIST_DELAYS_MILLIS.put(accountSid, millis);
    }

    /** Media of this account answers with a redirect to {@code url}. */
    public static void redirectMediaTo(String accountSid, String url) {
        REDIRECTS.put(accountSid, url);
        behave(accountSid, Behaviour.MEDIA_REDIRECT_ELSEWHERE);
    }

    /** The bytes this fake serves for a recording in a format (mp3 or wav): the same on every request. */
    public static byte[] audio(String recordingSid, String format) {
        byte[] audio = new byte[AUDIO_LENGTH];
        new java.util.Random((recordingSid + format).hashCode()).nextBytes(audio);
        byte[] magic = (format.equals("wav") ? "RIFF" : "ID3").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, audio, 0, magic.length);
        return audio;
    }

    /** Requests received for one account, oldest first. */
    public static List<Received> receivedFor(String accountSid) {
        return RECEIVED.stream()
                .filter(request -> request.path().contains("/Accounts/" + accountSid + "/"))
                .toList();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/2010-04-01/Accounts/", this::handle);
        server.start();
        return Map.of(
                "switchboard.twilio.api-base-url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "switchboard.twilio.response-timeout",
                "1S");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String[] parts = path.split("/");
        String accountSid = parts.length > 3 ? parts[3] : "";
        boolean listing = exchange.getRequestMethod().equals("GET");
        String query = exchange.getRequestURI().getRawQuery();
        Map<String, String> form = listing
                ? parseForm(query == null ? "" : query)
                : parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] basic = basicAuth(exchange.getRequestHeaders().getFirst("Authorization"));
        String range = exchange.getRequestHeaders().getFirst("Range");
        RECEIVED.add(new Received(exchange.getRequestMethod(), path, basic[0], basic[1], form, range));
        Behaviour behaviour = BEHAVIOURS.getOrDefault(accountSid, Behaviour.ACCEPT);
        if ("GET".equals(exchange.getRequestMethod()) && path.contains("/Recordings/")) {
            FakeTwilioMedia.serve(exchange, behaviour, REDIRECTS.get(accountSid), range);
            return;
        }
        if (behaviour == Behaviour.TOO_SLOW) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (behaviour == Behaviour.HANG_UP) {
            exchange.close();
            return;
        }
        AtomicInteger rateLimitsLeft = RATE_LIMITS_LEFT.get(accountSid);
        boolean rateLimitedNow = rateLimitsLeft != null && rateLimitsLeft.getAndDecrement() > 0;
        if (behaviour == Behaviour.REFUSE_CREDENTIALS) {
            respond(
                    exchange,
                    401,
                    "{\"code\": 20003, \"message\": \"Authenticate\","
                            + " \"more_info\": \"https://www.twilio.com/docs/errors/20003\", \"status\": 401}");
            return;
        }
        if (behaviour == Behaviour.RATE_LIMITED || rateLimitedNow) {
            exchange.getResponseHeaders().add("Retry-After", RETRY_AFTER.getOrDefault(accountSid, "1"));
            respond(
                    exchange,
                    429,
                    "{\"code\": 20429, \"message\": \"Too Many Requests\","
                            + " \"more_info\": \"https://www.twilio.com/docs/errors/20429\", \"status\": 429}");
            return;
        }
        String extra =
                switch (behaviour) {
                    case ACCEPT_WITH_BAD_PRICE_UNIT -> ", \"price\": \"-0.0085\", \"price_unit\": \"not-a-currency\"";
                    case ACCEPT_WITH_STRING_FOR_OBJECT -> ", \"subresource_uris\": \"oops\"";
                    default -> "";
                };
        String sidField = behaviour == Behaviour.ACCEPT_WITHOUT_SID ? "\"sid\": null, " : null;
        String list = listing ? FakeTwilioAccounts.list(accountSid, path, form) : null;
        if (list != null && LIST_DELAYS_MILLIS.containsKey(accountSid)) {
            try {
                Thread.sleep(LIST_DELAYS_MILLIS.get(accountSid));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (list != null) {
            respond(exchange, 200, list);
        } else if (behaviour == Behaviour.REFUSE_INVALID_NUMBER) {
            respond(
                    exchange,
                    400,
                    "{\"code\": 21211, \"message\": \"The 'To' number " + form.get("To")
                            + " is not a valid phone number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\","
                            + " \"status\": 400}");
        } else if (path.endsWith("/Calls.json")) {
            respond(
                    exchange,
                    201,
                    "{" + sid(sidField, "CA") + "\"account_sid\": \"" + accountSid
                            + "\", \"status\": \"queued\", \"direction\": \"outbound-api\", \"from\": \""
                            + form.get("From")
                            + "\", \"to\": \"" + form.get("To") + "\", \"api_version\": \"2010-04-01\"" + extra + "}");
        } else if (path.endsWith("/Messages.json")) {
            respond(
                    exchange,
                    201,
                    "{" + sid(sidField, "SM") + "\"account_sid\": \"" + accountSid
                            + "\", \"status\": \"queued\", \"direction\": \"outbound-api\", \"from\": \""
                            + form.get("From")
                            + "\", \"to\": \"" + form.get("To") + "\", \"body\": \""
                            + form.get("Body").replace("\"", "\\\"")
                            + "\", \"num_segments\": \"1\", \"api_version\": \"2010-04-01\"" + extra + "}");
        } else {
            respond(
                    exchange,
                    404,
                    "{\"code\": 20404, \"message\": \"The requested resource was not found\", \"status\": 404}");
        }
    }

    private static String sid(String override, String prefix) {
        return override != null ? override : "\"sid\": \"" + WebhookSimulator.sid(prefix) + "\", ";
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientGaveUp) {
            // The service timed out first; nothing to answer.
        }
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                form.merge(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8),
                        (a, b) -> a + "," + b);
            }
        }
        return form;
    }

    private static String[] basicAuth(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return new String[] {null, null};
        }
        String decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
