package io.switchboard.auth;

import io.switchboard.common.ApiException;
import io.switchboard.common.TenantDataChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Issues, lists and revokes a tenant's API keys. Several may be live at once, for rotation without downtime. */
@ApplicationScoped
@Transactional
public class ApiKeyService {

    private final Event<TenantDataChanged> changes;

    ApiKeyService(Event<TenantDataChanged> changes) {
        this.changes = changes;
    }

    /** A new key: its secret exists only in this answer. */
    public record IssuedApiKey(UUID id, String apiKey) {}

    public record ApiKeyView(UUID id, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id, key.prefix, key.createdAt, key.lastUsedAt, key.revokedAt);
        }
    }

    public IssuedApiKey issue(UUID tenantId) {
        String secret = ApiKeyFormat.newKey();
        ApiKey key = new ApiKey();
        key.tenantId = tenantId;
        key.prefix = ApiKeyFormat.displayPrefix(secret);
        key.secretHash = ApiKeyFormat.hash(secret);
        key.persist();
        return new IssuedApiKey(key.id, secret);
    }

    public List<ApiKeyView> list(UUID tenantId) {
        return ApiKey.listForTenant(tenantId).stream().map(ApiKeyView::of).toList();
    }

    /** Revoking twice is harmless; the first revocation time is kept. */
    public void revoke(UUID tenantId, UUID keyId) {
        ApiKey key =
                ApiKey.findForTenant(tenantId, keyId).orElseThrow(() -> new ApiException.NotFound("API key " + keyId));
        if (!key.isRevoked()) {
            key.revokedAt = Instant.now();
            // This instance forgets the key when the transaction ends; the others hear of it (V11).
            changes.fire(new TenantDataChanged("api_keys", tenantId));
        }
    }
}
