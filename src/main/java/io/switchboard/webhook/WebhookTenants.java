package io.switchboard.webhook;

import io.switchboard.common.ChangeAwareCache;
import io.switchboard.common.ChangeFeed;
import io.switchboard.common.TenantDataChanged;
import io.switchboard.tenant.TenantDirectory;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Memory of which tenant an AccountSid belongs to and of its Twilio credentials, so a webhook does
 * not pay two extra database round trips and a decryption before its own work.
 *
 * <p>A deactivated tenant or a rotated auth token is forgotten on every instance as soon as the
 * change commits ({@link ChangeAwareCache}). Should a notification still be missed, the signature
 * check fails closed: a stale auth token makes the signature mismatch, and the gate then reloads
 * the credentials once before refusing.
 */
@ApplicationScoped
class WebhookTenants {

    private static final int MAX_ENTRIES = 50_000;

    private final TenantDirectory directory;
    private final ChangeAwareCache<String, TenantDirectory.Entry> byAccountSid;
    private final ChangeAwareCache<UUID, TwilioCredentials> credentials;

    WebhookTenants(TenantDirectory directory, ChangeFeed feed) {
        this.directory = directory;
        this.byAccountSid = new ChangeAwareCache<>(feed, MAX_ENTRIES);
        this.credentials = new ChangeAwareCache<>(feed, MAX_ENTRIES);
    }

    Optional<TenantDirectory.Entry> byAccountSid(String accountSid) {
        if (accountSid == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byAccountSid.get(
                accountSid, () -> directory.byAccountSid(accountSid).orElse(null)));
    }

    TwilioCredentials credentials(UUID tenantId, Supplier<TwilioCredentials> load) {
        return credentials.get(tenantId, load);
    }

    TwilioCredentials reload(UUID tenantId, Supplier<TwilioCredentials> load) {
        return credentials.reload(tenantId, load);
    }

    void forget(@Observes(during = TransactionPhase.AFTER_COMPLETION) TenantDataChanged change) {
        if (!change.concerns("tenants")) {
            return;
        }
        if (change.tenantId() == null) {
            byAccountSid.forgetAll();
            credentials.forgetAll();
        } else {
            credentials.forgetIf((tenantId, value) -> tenantId.equals(change.tenantId()));
            byAccountSid.forgetIf((sid, entry) -> entry.tenantId().equals(change.tenantId()));
        }
    }
}
