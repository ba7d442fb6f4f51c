package io.switchboard.tenant;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Optional;
import java.util.UUID;

/**
 * What authentication established about a caller of the tenant API, the same for an API key and a
 * dashboard login: its tenant (and whether that tenant is active), who acts, and the login session
 * if there is one. The auth package checks the credential and attaches this to the
 * {@link SecurityIdentity}; {@link TenantResolver} only reads it.
 */
public record TenantCaller(
        UUID tenantId, boolean tenantActive, ActorKind kind, UUID userId, UUID apiKeyId, UUID sessionId) {

    private static final String ATTRIBUTE = "switchboard.tenant-caller";

    public static TenantCaller apiKey(UUID tenantId, boolean tenantActive, UUID apiKeyId) {
        return new TenantCaller(tenantId, tenantActive, ActorKind.API_KEY, null, apiKeyId, null);
    }

    public static TenantCaller user(UUID tenantId, boolean tenantActive, UUID userId, UUID sessionId) {
        return new TenantCaller(tenantId, tenantActive, ActorKind.USER, userId, null, sessionId);
    }

    public static Optional<TenantCaller> of(SecurityIdentity identity) {
        return Optional.ofNullable(identity.getAttribute(ATTRIBUTE));
    }

    /** The attribute name under which the auth package attaches this to an identity. */
    public static String attribute() {
        return ATTRIBUTE;
    }
}
