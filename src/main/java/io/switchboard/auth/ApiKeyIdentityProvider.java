package io.switchboard.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.tenant.DirectoryCache;
import io.switchboard.tenant.TenantCaller;
import io.switchboard.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a tenant API key into an identity: the key's SHA-256 is looked up through the tenant
 * directory (remembered, and forgotten on every instance when the key is revoked) and compared
 * again in constant time. An API key has full access to its tenant, so it
 * carries every tenant role. Its last use is recorded at most once per
 * {@link AuthConfig#apiKeyUsageResolution()}, so busy keys do not each write.
 */
@ApplicationScoped
class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private static final int MAX_REMEMBERED_KEYS = 100_000;

    private final DirectoryCache keys;
    private final TenantDirectory directory;
    private final AuthConfig config;
    /** When this instance last recorded each key's use. */
    private final Map<UUID, Instant> useRecorded = new ConcurrentHashMap<>();

    ApiKeyIdentityProvider(DirectoryCache keys, TenantDirectory directory, AuthConfig config) {
        this.keys = keys;
        this.directory = directory;
        this.config = config;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            byte[] hash = ApiKeyFormat.hash(request.key());
            TenantDirectory.ApiKeyEntry entry = keys.byApiKeyHash(hash)
                    .filter(found -> MessageDigest.isEqual(found.secretHash(), hash))
                    .orElseThrow(() -> new AuthenticationFailedException("Unknown or revoked API key"));
            recordUse(entry);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api-key:" + entry.keyId()))
                    .addRoles(Set.of(Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES))
                    .addAttribute(
                            TenantCaller.attribute(),
                            TenantCaller.apiKey(entry.tenantId(), entry.status().isActive(), entry.keyId()))
                    .build();
        });
    }

    private void recordUse(TenantDirectory.ApiKeyEntry entry) {
        Instant now = Instant.now();
        Instant staleBefore = now.minus(config.apiKeyUsageResolution());
        Instant recorded = useRecorded.get(entry.keyId());
        if (recorded != null && recorded.isAfter(staleBefore)) {
            return;
        }
        if (useRecorded.size() >= MAX_REMEMBERED_KEYS) {
            useRecorded.clear();
        }
        useRecorded.put(entry.keyId(), now);
        // Also conditional in SQL, so several instances together still write about once per resolution.
        directory.apiKeyUsed(entry.tenantId(), entry.keyId(), staleBefore);
    }
}
