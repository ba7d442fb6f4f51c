package io.switchboard.twilio;

import com.twilio.http.TwilioRestClient;
import io.switchboard.common.Hashing;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One twilio-java client per tenant's credentials, all over one bounded HTTP client (no automatic
 * retries, see {@link TwilioHttpClient}); never the SDK's global {@code Twilio.init}, so every request
 * is made, and billed, in the tenant's own account.
 */
@ApplicationScoped
class TwilioClients {

    private static final int MAX_CACHED_CLIENTS = 10_000;

    private final TwilioHttpClient http;
    /** Keyed by the credentials themselves (hashed), so a rotated key gets a fresh client at once. */
    private final Map<String, TwilioRestClient> clients = new ConcurrentHashMap<>();

    TwilioClients(TwilioConfig config) {
        this.http = new TwilioHttpClient(config);
    }

    TwilioRestClient of(TwilioCredentials credentials) {
        String key = credentials.accountSid() + ":"
                + HexFormat.of().formatHex(Hashing.sha256(credentials.basicUser() + ":" + credentials.basicPassword()));
        if (clients.size() > MAX_CACHED_CLIENTS) {
            clients.clear();
        }
        return clients.computeIfAbsent(
                key, k -> new TwilioRestClient.Builder(credentials.basicUser(), credentials.basicPassword())
                        .accountSid(credentials.accountSid())
                        .httpClient(http)
                        .build());
    }
}
