package io.switchboard.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLHandshakeException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;

/**
 * The only code that calls Twilio's REST API. Each tenant gets its own client, with its own API
 * key (or account SID and auth token), so calls and messages are billed to the tenant's account;
 * never the SDK's global {@code Twilio.init}. Results are mapped to Switchboard's own records,
 * so no SDK type leaks out (which also keeps the native image's reflection needs here).
 *
 * <p>A paid action Twilio accepted is never lost to parsing: when twilio-java cannot map a 2xx
 * answer, its SID and fields are read from the raw JSON. Failures are told apart by what they
 * mean for the tenant: refused or unreachable (nothing was created; 502), or no answer in time
 * (it may have been created; 504).
 */
@ApplicationScoped
public class TwilioGateway {

    /** What Twilio answered when a call was placed. */
    public record PlacedCall(String sid, String status, String from, String to) {}

    /** What Twilio answered when a message was sent. */
    public record SentMessage(String sid, String status, String from, String to, Integer numSegments) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwilioClients clients;

    TwilioGateway(TwilioClients clients) {
        this.clients = clients;
    }

    public PlacedCall placeCall(
            TwilioCredentials credentials, String to, String from, String voiceUrl, String statusCallback) {
        return create(
                () -> {
                    Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(from), URI.create(voiceUrl))
                            .setStatusCallback(statusCallback)
                            .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                            .create(client(credentials));
                    return new PlacedCall(
                            call.getSid(),
                            call.getStatus() == null ? null : call.getStatus().toString(),
                            call.getFrom(),
                            call.getTo());
                },
                json -> new PlacedCall(text(json, "sid"), text(json, "status"), text(json, "from"), text(json, "to")),
                PlacedCall::sid);
    }

    public SentMessage sendMessage(
            TwilioCredentials credentials, String to, String from, String body, String statusCallback) {
        return create(
                () -> {
                    Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body)
                            .setStatusCallback(statusCallback)
                            .create(client(credentials));
                    return new SentMessage(
                            message.getSid(),
                            message.getStatus() == null
                                    ? null
                                    : message.getStatus().toString(),
                            message.getFrom() == null ? from : message.getFrom().toString(),
                            message.getTo(),
                            segments(message.getNumSegments()));
                },
                json -> new SentMessage(
                        text(json, "sid"),
                        text(json, "status"),
                        text(json, "from") == null ? from : text(json, "from"),
                        text(json, "to"),
                        segments(text(json, "num_segments"))),
                SentMessage::sid);
    }

    /**
     * Runs one create request. When twilio-java fails on an answer Twilio accepted, the result is
     * read from the raw JSON instead; without a SID in it there is nothing to store, and the client
     * is told so rather than invited to retry.
     */
    private static <T> T create(Supplier<T> request, Function<JsonNode, T> fromJson, Function<T, String> sidOf) {
        TwilioHttpClient.clearLastAnswer();
        try {
            T result = createOrRead(request, fromJson);
            String sid = sidOf.apply(result);
            if (sid == null || sid.isBlank()) {
                throw TwilioFailure.acceptedWithoutSid();
            }
            return result;
        } finally {
            // Nothing else needs the answer; do not keep it on a pooled thread.
            TwilioHttpClient.clearLastAnswer();
        }
    }

    private static <T> T createOrRead(Supplier<T> request, Function<JsonNode, T> fromJson) {
        try {
            return request.get();
        } catch (ApiConnectionException | ApiException e) {
            TwilioHttpClient.RawAnswer answer = TwilioHttpClient.lastAnswer().orElse(null);
            if (answer == null || !answer.accepted()) {
                throw failure(e);
            }
            return fromJson.apply(parse(answer.body()));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            throw TwilioFailure.acceptedWithoutSid();
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
    }

    private static Integer segments(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** What a failure means for the tenant: only a read timeout leaves it unknown whether Twilio acted. */
    static TwilioFailure failure(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException
                    || cause instanceof ConnectTimeoutException
                    || cause instanceof HttpHostConnectException
                    || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException
                    || cause instanceof SSLHandshakeException) {
                return TwilioFailure.unreachable(cause.getClass().getSimpleName());
            }
            if (cause instanceof SocketTimeoutException || cause instanceof InterruptedIOException) {
                return TwilioFailure.timedOut();
            }
            if (cause instanceof IOException) {
                return TwilioFailure.answerLost(cause.getClass().getSimpleName());
            }
        }
        if (e instanceof ApiException refused) {
            return TwilioFailure.refused(refused.getCode(), refused.getMessage());
        }
        return TwilioFailure.answerLost(e.getClass().getSimpleName());
    }

    private TwilioRestClient client(TwilioCredentials credentials) {
        return clients.of(credentials);
    }
}
