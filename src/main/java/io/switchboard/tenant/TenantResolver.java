package io.switchboard.tenant;

import io.switchboard.common.ClientAddress;
import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.audit.ActorKind;
import io.switchboard.auth.CallerAttributes;
import io.switchboard.auth.CredentialChecks;
import io.switchboard.common.ApiException;
import io.switchboard.common.Ids;
import io.vertx.core.http.HttpServerRequest;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;
import java.util.UUID;

/**
 * The one place a tenant API request gets its tenant: from the custom domain in {@code Host} (or
 * a trusted proxy's {@code X-Forwarded-Host}), and from the credential (API key or dashboard JWT).
 * A credential of another tenant than the domain's is refused (401), an inactive tenant is refused
 * everywhere (403), and a JWT whose session has ended is refused (401). The result is entered into
 * {@link TenantContext}, from which every transaction of the request takes its row-level security
 * context.
 */
class TenantResolver {

    private static final String TENANT_API = "/v1/";
    private static final String ADMIN_TENANTS = "/admin/v1/tenants";

    private final TenantDirectory directory;
    private final TenantContext tenantContext;
    private final SecurityIdentity identity;
    private final CredentialChecks credentialChecks;

    TenantResolver(TenantDirectory directory, TenantContext tenantContext, SecurityIdentity identity,
                   CredentialChecks credentialChecks) {
        this.directory = directory;
        this.tenantContext = tenantContext;
        this.identity = identity;
        this.credentialChecks = credentialChecks;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    void resolve(ContainerRequestContext request, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        String ip = ClientAddress.of(http);
        String userAgent = http.getHeader("User-Agent");
        if (path.startsWith(ADMIN_TENANTS)) {
            resolveOperatorTarget(request, Actor.operator(ip, userAgent));
        } else if (path.startsWith(TENANT_API)) {
            resolveTenantApi(http, ip, userAgent);
        }
    }

    /**
     * Operators name their tenant in the path; creating one reserves its id here, so that the
     * new tenant's rows are written in its own row-level security context from the first insert.
     */
    private void resolveOperatorTarget(ContainerRequestContext request, Actor operator) {
        String id = request.getUriInfo().getPathParameters().getFirst("id");
        if (id != null) {
            try {
                tenantContext.enter(UUID.fromString(id), operator);
            } catch (IllegalArgumentException e) {
                throw new ApiException.NotFound("Tenant " + id);
            }
        } else if ("POST".equals(request.getMethod())) {
            tenantContext.enter(Ids.newId(), operator);
        }
    }

    private void resolveTenantApi(HttpServerRequest http, String ip, String userAgent) {
        String host = http.authority() == null ? null : http.authority().host();
        Optional<TenantDirectory.Entry> domainTenant = directory.byDomain(host);

        if (identity.isAnonymous()) {
            // Only login is open to anonymous callers; it needs the domain's tenant, if any.
            domainTenant.ifPresent(tenant -> {
                requireActive(tenant.active());
                tenantContext.enter(tenant.tenantId(), new Actor(ActorKind.SYSTEM, null, null, ip, userAgent));
            });
            return;
        }
        Caller caller = Caller.of(identity);
        if (domainTenant.isPresent() && !domainTenant.get().tenantId().equals(caller.tenantId())) {
            throw new ApiException.Unauthorized("This credential does not belong to the tenant of " + host);
        }
        if (caller.apiKeyId() != null) {
            requireActive(Boolean.TRUE.equals(identity.getAttribute(CallerAttributes.TENANT_ACTIVE)));
            tenantContext.enter(caller.tenantId(), new Actor(ActorKind.API_KEY, null, caller.apiKeyId(), ip, userAgent));
            credentialChecks.recordApiKeyUse(caller.tenantId(), caller.apiKeyId());
        } else {
            tenantContext.enter(caller.tenantId(), new Actor(ActorKind.USER, caller.userId(), null, ip, userAgent));
            credentialChecks.requireOpenSession(caller.tenantId(), caller.sessionId(), caller.userId());
        }
    }

    private static void requireActive(boolean active) {
        if (!active) {
            throw new ApiException.Forbidden("This tenant is inactive");
        }
    }

    /** What a credential says about its holder, the same for an API key and a dashboard JWT. */
    record Caller(UUID tenantId, UUID userId, UUID apiKeyId, UUID sessionId) {

        static Caller of(SecurityIdentity identity) {
            if (identity.getPrincipal() instanceof JsonWebToken jwt) {
                return new Caller(uuidClaim(jwt, CallerAttributes.TENANT_CLAIM), uuid(jwt.getSubject()), null,
                        uuidClaim(jwt, CallerAttributes.SESSION_CLAIM));
            }
            UUID tenantId = identity.getAttribute(CallerAttributes.TENANT_ID);
            UUID apiKeyId = identity.getAttribute(CallerAttributes.API_KEY_ID);
            if (tenantId == null || apiKeyId == null) {
                throw new ApiException.Unauthorized("This credential is not valid for the tenant API");
            }
            return new Caller(tenantId, null, apiKeyId, null);
        }

        private static UUID uuidClaim(JsonWebToken jwt, String name) {
            Object value = jwt.getClaim(name);
            return uuid(value instanceof JsonString text ? text.getString() : value == null ? null : value.toString());
        }

        private static UUID uuid(String value) {
            try {
                return UUID.fromString(value);
            } catch (RuntimeException e) {
                throw new ApiException.Unauthorized("The token lacks its tenant, user or session");
            }
        }
    }
}
