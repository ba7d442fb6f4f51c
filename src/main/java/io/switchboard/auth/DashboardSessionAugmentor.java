package io.switchboard.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.switchboard.tenant.TenantCaller;
import io.switchboard.tenant.TenantDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Completes a dashboard user's identity on every request: the token only says who logged in and in
 * which session; whether that session is still open, whether the user is still active, and which
 * role they hold now come from the database. A logout, a deactivation or a role change therefore
 * takes effect on the user's next request. API keys and the operator token pass unchanged.
 */
@ApplicationScoped
class DashboardSessionAugmentor implements SecurityIdentityAugmentor {

    private final TenantDirectory directory;

    DashboardSessionAugmentor(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> withCurrentRole(identity, token));
    }

    private SecurityIdentity withCurrentRole(SecurityIdentity identity, JsonWebToken token) {
        UUID tenantId = DashboardToken.claim(token, DashboardToken.TENANT_CLAIM);
        UUID userId = DashboardToken.claim(token, "sub");
        UUID sessionId = DashboardToken.claim(token, DashboardToken.SESSION_CLAIM);
        if (tenantId == null || userId == null || sessionId == null) {
            throw new AuthenticationFailedException("The token lacks its tenant, user or session");
        }
        TenantDirectory.SessionEntry session = directory
                .session(tenantId, sessionId, userId)
                .filter(found -> found.sessionOpen() && found.userActive())
                .orElseThrow(() -> new AuthenticationFailedException("This session has ended; log in again"));
        // A fresh identity: no role from the token survives, only the one the user holds now.
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRole(session.userRole())
                .addAttribute(
                        TenantCaller.attribute(),
                        TenantCaller.user(tenantId, session.tenantStatus().isActive(), userId, sessionId))
                .build();
    }
}
