package io.switchboard.tenant;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.common.ApiException;
import io.switchboard.common.ClientAddress;
import io.switchboard.common.Ids;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Optional;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place a request gets its tenant: from the custom domain in {@code Host} (or a trusted
 * proxy's {@code X-Forwarded-Host}) and from what authentication established ({@link TenantCaller},
 * the same for an API key and a dashboard login; the auth package has already checked the
 * credential, the session and the user's current role). A credential of another tenant than the
 * domain's is refused (401) and an inactive tenant everywhere (403). The result is entered into
 * {@link TenantContext}, from which every transaction of the request takes its row-level security
 * context. Operators name their tenant in the path.
 */
class TenantResolver {

    private static final String TENANT_API = "/v1/";
    private static final String ADMIN_TENANTS = "/admin/v1/tenants";

    private final DirectoryCache directory;
    private final TenantContext tenantContext;
    private final SecurityIdentity identity;

    TenantResolver(DirectoryCache directory, TenantContext tenantContext, SecurityIdentity identity) {
        this.directory = directory;
        this.tenantContext = tenantContext;
        this.identity = identity;
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
        TenantCaller caller = TenantCaller.of(identity)
                .orElseThrow(() -> new ApiException.Unauthorized("This credential is not valid for the tenant API"));
        if (domainTenant.isPresent() && !domainTenant.get().tenantId().equals(caller.tenantId())) {
            throw new ApiException.Unauthorized("This credential does not belong to the tenant of " + host);
        }
        requireActive(caller.tenantActive());
        tenantContext.enter(
                caller.tenantId(), new Actor(caller.kind(), caller.userId(), caller.apiKeyId(), ip, userAgent));
    }

    private static void requireActive(boolean active) {
        if (!active) {
            throw new ApiException.Forbidden("This tenant is inactive");
        }
    }
}
