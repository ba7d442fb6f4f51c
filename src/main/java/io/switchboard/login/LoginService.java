package io.switchboard.auth;

import io.smallrye.jwt.build.Jwt;
import io.switchboard.common.ApiException;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantContext;
import io.switchboard.user.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Dashboard logins. A successful one opens a session row and signs a JWT naming the tenant, the
 * user, the role and the session; the session can be ended server-side, which ends the token too.
 * Failed attempts count per account, and too many lock it for a while.
 */
@ApplicationScoped
@Transactional
public class LoginService {

    /** Answer of a login; failures are values so that the attempt counter commits with them. */
    public sealed interface Outcome {
        record Success(String token, Instant expiresAt) implements Outcome {
        }

        record Refused() implements Outcome {
        }

        record Locked(Duration retryAfter) implements Outcome {
        }

        record TenantInactive() implements Outcome {
        }
    }

    private static final java.util.regex.Pattern IP_LITERAL =
            java.util.regex.Pattern.compile("[0-9.]{7,15}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final TenantContext tenantContext;
    private final PasswordHasher passwords;
    private final AuthConfig config;

    LoginService(TenantContext tenantContext, PasswordHasher passwords, AuthConfig config) {
        this.tenantContext = tenantContext;
        this.passwords = passwords;
        this.config = config;
    }

    public Outcome login(String email, String password) {
        UUID tenantId = tenantContext.requireTenantId();
        Optional<Tenant> tenant = Tenant.findCurrent(tenantId);
        Optional<User> found = tenant.flatMap(t -> User.findByEmail(tenantId, email.trim()));
        if (found.isEmpty()) {
            passwords.verifyDecoy(password);
            return new Outcome.Refused();
        }
        if (!tenant.get().isActive()) {
            return new Outcome.TenantInactive();
        }
        User user = found.get();
        Instant now = Instant.now();
        if (user.lockedUntil != null && now.isBefore(user.lockedUntil)) {
            return new Outcome.Locked(Duration.between(now, user.lockedUntil));
        }
        if (!passwords.verify(password, user.passwordHash) || !user.active) {
            recordFailure(user, now);
            return new Outcome.Refused();
        }
        user.failedLogins = 0;
        user.lockedUntil = null;
        user.lastLoginAt = now;
        return openSession(user, now);
    }

    public void logout(UUID sessionId) {
        UUID tenantId = tenantContext.requireTenantId();
        LoginSession session = LoginSession.findForTenant(tenantId, sessionId)
                .orElseThrow(() -> new ApiException.Unauthorized("This session is not valid"));
        if (session.endedAt == null) {
            session.endedAt = Instant.now();
            session.endReason = "logout";
        }
    }

    private void recordFailure(User user, Instant now) {
        user.failedLogins++;
        if (user.failedLogins >= config.maxFailedLogins()) {
            user.lockedUntil = now.plus(config.lockout());
            user.failedLogins = 0;
        }
    }

    private Outcome openSession(User user, Instant now) {
        Instant expiresAt = now.plus(config.sessionDuration());
        LoginSession session = new LoginSession();
        session.tenantId = user.tenantId;
        session.userId = user.id;
        session.startedAt = now;
        session.expiresAt = expiresAt;
        session.ip = address(tenantContext.actor().ip());
        session.userAgent = truncate(tenantContext.actor().userAgent());
        session.persist();
        String token = Jwt.issuer("switchboard")
                .subject(user.id.toString())
                .upn(user.email)
                .groups(Set.of(user.role.wire()))
                .claim(CallerAttributes.TENANT_CLAIM, user.tenantId.toString())
                .claim(CallerAttributes.SESSION_CLAIM, session.id.toString())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .sign();
        return new Outcome.Success(token, expiresAt);
    }

    private static InetAddress address(String ip) {
        // Only literal addresses (as the connection reports them), so getByName never queries DNS.
        if (ip == null || !IP_LITERAL.matcher(ip).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= 512 ? userAgent : userAgent.substring(0, 512);
    }
}
