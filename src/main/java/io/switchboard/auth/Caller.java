package io.switchboard.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.switchboard.tenant.TenantCaller;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;

/** Who is calling, in the terms services decide by: a dashboard user (with a role), a tenant app or an operator. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final TenantContext tenantContext;

    Caller(SecurityIdentity identity, TenantContext tenantContext) {
        this.identity = identity;
        this.tenantContext = tenantContext;
    }

    /** The dashboard user, when the caller is one (an API key or an operator has none). */
    public Optional<UUID> userId() {
        return Optional.ofNullable(tenantContext.actor().userId());
    }

    /** The dashboard login session of the request, when the caller is a logged-in user. */
    public Optional<UUID> sessionId() {
        return TenantCaller.of(identity).map(TenantCaller::sessionId);
    }

    /** A sales rep sees and edits only their own calls; apps, admins and the CEO see the tenant's. */
    public boolean seesOnlyOwnCalls() {
        return identity.hasRole(Roles.SALES)
                && !identity.hasRole(Roles.ADMIN)
                && !identity.hasRole(Roles.CEO)
                && !identity.hasRole(Roles.APP);
    }

    /** Admins, the CEO, tenant apps and operators manage a tenant's users. */
    public boolean managesUsers() {
        return identity.hasRole(Roles.ADMIN) || managesCeos();
    }

    /** Only a CEO, a tenant app (which holds every role) or an operator creates, changes or removes a CEO. */
    public boolean managesCeos() {
        return identity.hasRole(Roles.CEO) || identity.hasRole(Roles.OPERATOR);
    }
}
