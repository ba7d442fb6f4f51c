package io.switchboard.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.MessageDigest;

/**
 * Turns a tenant API key into an identity: the key's SHA-256 is looked up through the tenant
 * directory and compared again in constant time. An API key has full access to its tenant.
 */
@ApplicationScoped
class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final TenantDirectory directory;

    ApiKeyIdentityProvider(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            byte[] hash = ApiKeyFormat.hash(request.key());
            var entry = directory.byApiKeyHash(hash)
                    .filter(found -> MessageDigest.isEqual(found.secretHash(), hash))
                    .orElseThrow(() -> new AuthenticationFailedException("Unknown or revoked API key"));
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("api-key:" + entry.keyId()))
                    .addRoles(java.util.Set.of(Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES))
                    .addAttribute(CallerAttributes.TENANT_ID, entry.tenantId())
                    .addAttribute(CallerAttributes.API_KEY_ID, entry.keyId())
                    .addAttribute(CallerAttributes.TENANT_ACTIVE, entry.status() == io.switchboard.tenant.TenantStatus.ACTIVE)
                    .build();
        });
    }
}
