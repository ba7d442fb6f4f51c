package io.switchboard.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.RequestScoped;

import java.util.Optional;
import java.util.UUID;

/** Who is calling, in the terms services decide by: a dashboard user (with a role) or a tenant app. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final TenantContext tenantContext;

    Caller(SecurityIdentity identity, TenantContext tenantContext) {
        this.identity = identity;
        this.tenantContext = tenantContext;
    }

    /** The dashboard user, when the caller is one (an API key has none). */
    public Optional<UUID> userId() {
        return Optional.ofNullable(tenantContext.actor().userId());
    }

    /** A sales rep sees and edits only their own calls; apps, admins and the CEO see the tenant's. */
    public boolean seesOnlyOwnCalls() {
        return identity.hasRole(Roles.SALES) && !identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.CEO)
                && !identity.hasRole(Roles.APP);
    }
}
