package io.switchboard.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The only code that calls Twilio's REST API. Each tenant gets its own client, with its own API
 * key (or account SID and auth token), so calls and messages are billed to the tenant's account;
 * never the SDK's global {@code Twilio.init}. Results are mapped to Switchboard's own records,
 * so no SDK type leaks out (which also keeps the native image's reflection needs here).
 */
@ApplicationScoped
public class TwilioGateway {

    /** What Twilio answered when a call was placed. */
    public record PlacedCall(String sid, String status, String direction, String from, String to) {
    }

    /** What Twilio answered when a message was sent. */
    public record SentMessage(String sid, String status, String from, String to, Integer numSegments) {
    }

    private static final int MAX_CACHED_CLIENTS = 10_000;

    private final TwilioHttpClient http;
    /** Clients by tenant; rebuilt when the tenant's credentials change. */
    private final Map<String, TwilioRestClient> clients = new ConcurrentHashMap<>();

    TwilioGateway(TwilioConfig config) {
        this.http = new TwilioHttpClient(config);
    }

    public PlacedCall placeCall(TwilioCredentials credentials, String to, String from, String voiceUrl,
                                String statusCallback) {
        try {
            Call call = Call.creator(new PhoneNumber(to), new PhoneNumber(from), java.net.URI.create(voiceUrl))
                    .setStatusCallback(statusCallback)
                    .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
                    .create(client(credentials));
            return new PlacedCall(call.getSid(), call.getStatus() == null ? null : call.getStatus().toString(),
                    call.getDirection(), call.getFrom(), call.getTo());
        } catch (ApiConnectionException | ApiException e) {
            throw failure(e);
        }
    }

    public SentMessage sendMessage(TwilioCredentials credentials, String to, String from, String body,
                                   String statusCallback) {
        try {
            Message message = Message.creator(new PhoneNumber(to), new PhoneNumber(from), body)
                    .setStatusCallback(statusCallback)
                    .create(client(credentials));
            Integer segments = message.getNumSegments() == null ? null : Integer.valueOf(message.getNumSegments());
            return new SentMessage(message.getSid(), message.getStatus() == null ? null : message.getStatus().toString(),
                    message.getFrom() == null ? from : message.getFrom().toString(), message.getTo(), segments);
        } catch (ApiConnectionException | ApiException e) {
            throw failure(e);
        }
    }

    /** twilio-java reports a timeout as an ApiException caused by an I/O error; that is not Twilio refusing. */
    private static TwilioFailure failure(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.io.IOException || cause instanceof ApiConnectionException) {
                return TwilioFailure.unreachable(cause.getClass().getSimpleName());
            }
        }
        ApiException refused = (ApiException) e;
        return TwilioFailure.refused(refused.getCode(), refused.getMessage());
    }

    private TwilioRestClient client(TwilioCredentials credentials) {
        // Keyed by the credentials themselves (hashed), so a rotated key gets a fresh client at once.
        String key = credentials.accountSid() + ":" + java.util.HexFormat.of().formatHex(io.switchboard.common.Hashing.sha256(
                credentials.basicUser() + ":" + credentials.basicPassword()));
        if (clients.size() > MAX_CACHED_CLIENTS) {
            clients.clear();
        }
        return clients.computeIfAbsent(key, k -> new TwilioRestClient.Builder(credentials.basicUser(), credentials.basicPassword())
                .accountSid(credentials.accountSid())
                .httpClient(http)
                .build());
    }
}
