package io.switchboard.login;

import io.switchboard.common.ApiException;
import io.switchboard.tenant.TenantContext;
import io.switchboard.user.UserDeactivated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Admins see who is logged in and can end a login at once (its JWT is refused from the next request). */
@ApplicationScoped
@Transactional
public class SessionService {

    public record SessionView(UUID id, UUID userId, Instant startedAt, Instant expiresAt, String ip, String userAgent) {
        static SessionView of(LoginSession session) {
            return new SessionView(
                    session.id,
                    session.userId,
                    session.startedAt,
                    session.expiresAt,
                    session.ip == null ? null : session.ip.getHostAddress(),
                    session.userAgent);
        }
    }

    private final TenantContext tenantContext;

    SessionService(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
    }

    public List<SessionView> open() {
        return LoginSession.openForTenant(tenantContext.requireTenantId(), Instant.now()).stream()
                .map(SessionView::of)
                .toList();
    }

    public void end(UUID id) {
        LoginSession.findForTenant(tenantContext.requireTenantId(), id)
                .orElseThrow(() -> new ApiException.NotFound("Session " + id))
                .end("revoked");
    }

    /** A deactivated user's open logins end now, in the same transaction, not when their tokens expire. */
    void onUserDeactivated(@Observes UserDeactivated deactivated) {
        LoginSession.endOthers(deactivated.tenantId(), deactivated.userId(), null, "user_deactivated");
    }
}
