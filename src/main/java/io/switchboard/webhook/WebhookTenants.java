package io.switchboard.webhook;

import io.switchboard.common.ChangeAwareCache;
import io.switchboard.common.ChangeFeed;
import io.switchboard.common.TenantDataChanged;
import io.switchboard.tenant.DirectoryCache;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Memory of each tenant's Twilio credentials, so a webhook does not pay a database round trip and
 * a decryption before its own work (which tenant it is for, {@link DirectoryCache} remembers).
 *
 * <p>A deactivated tenant or a rotated auth token is forgotten on every instance as soon as the
 * change commits ({@link ChangeAwareCache}). Should a notification still be missed, the signature
 * check fails closed: a stale auth token makes the signature mismatch, and the gate then reloads
 * the credentials once before refusing.
 */
@ApplicationScoped
class WebhookTenants {

    private static final int MAX_ENTRIES = 50_000;

    private final ChangeAwareCache<UUID, TwilioCredentials> credentials;

    WebhookTenants(ChangeFeed feed) {
        this.credentials = new ChangeAwareCache<>(feed, MAX_ENTRIES);
    }

    TwilioCredentials credentials(UUID tenantId, Supplier<TwilioCredentials> load) {
        return credentials.get(tenantId, load);
    }

    TwilioCredentials reload(UUID tenantId, Supplier<TwilioCredentials> load) {
        return credentials.reload(tenantId, load);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) TenantDataChanged change) {
        credentials.forget(change, Set.of("tenants"), (tenantId, value) -> tenantId);
    }
}
