package io.switchboard.webhook;

import io.switchboard.tenant.TenantChanged;
import io.switchboard.tenant.TenantDirectory;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Short-lived memory of which tenant an AccountSid belongs to and of its Twilio credentials, so a
 * webhook does not pay two extra database round trips and a decryption before its own work.
 *
 * <p>Safe because the signature check fails closed: a stale auth token (just rotated) makes the
 * signature mismatch, and the gate then reloads the credentials once before refusing. Changes made
 * on this instance drop the entry at once ({@link TenantChanged}); other instances see a status
 * change within {@link #TTL}.
 */
@ApplicationScoped
class WebhookTenants {

    static final Duration TTL = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 50_000;

    private record Timed<T>(T value, long expiresAtNanos) {
        boolean fresh() {
            return System.nanoTime() < expiresAtNanos;
        }
    }

    private final TenantDirectory directory;
    private final Map<String, Timed<TenantDirectory.Entry>> byAccountSid = new ConcurrentHashMap<>();
    private final Map<UUID, Timed<TwilioCredentials>> credentials = new ConcurrentHashMap<>();

    WebhookTenants(TenantDirectory directory) {
        this.directory = directory;
    }

    Optional<TenantDirectory.Entry> byAccountSid(String accountSid) {
        if (accountSid == null) {
            return Optional.empty();
        }
        Timed<TenantDirectory.Entry> cached = byAccountSid.get(accountSid);
        if (cached != null && cached.fresh()) {
            return Optional.of(cached.value());
        }
        Optional<TenantDirectory.Entry> found = directory.byAccountSid(accountSid);
        found.ifPresent(entry -> remember(byAccountSid, accountSid, entry));
        return found;
    }

    TwilioCredentials credentials(UUID tenantId, Supplier<TwilioCredentials> load) {
        Timed<TwilioCredentials> cached = credentials.get(tenantId);
        return cached != null && cached.fresh() ? cached.value() : reload(tenantId, load);
    }

    TwilioCredentials reload(UUID tenantId, Supplier<TwilioCredentials> load) {
        TwilioCredentials loaded = load.get();
        remember(credentials, tenantId, loaded);
        return loaded;
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) TenantChanged change) {
        credentials.remove(change.tenantId());
        byAccountSid.values().removeIf(entry -> entry.value().tenantId().equals(change.tenantId()));
    }

    private static <K, V> void remember(Map<K, Timed<V>> cache, K key, V value) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, new Timed<>(value, System.nanoTime() + TTL.toNanos()));
    }
}
