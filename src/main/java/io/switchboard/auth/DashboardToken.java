package io.switchboard.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The dashboard's JWT: it names the tenant, the user and the login session, and deliberately no
 * role. The role is read from the database on every request ({@link DashboardSessionAugmentor}),
 * so a role change or a deactivation counts from the user's next request, not when the token
 * expires.
 */
public final class DashboardToken {

    public static final String ISSUER = "switchboard";
    static final String TENANT_CLAIM = "tenant_id";
    static final String SESSION_CLAIM = "sid";

    private DashboardToken() {}

    public static String issue(
            UUID tenantId, UUID userId, String email, UUID sessionId, Instant issuedAt, Instant expiresAt) {
        return Jwt.issuer(ISSUER)
                .subject(userId.toString())
                .upn(email)
                .claim(TENANT_CLAIM, tenantId.toString())
                .claim(SESSION_CLAIM, sessionId.toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .sign();
    }

    static UUID claim(JsonWebToken token, String name) {
        Object value = name.equals("sub") ? token.getSubject() : token.getClaim(name);
        String text = value instanceof JsonString json ? json.getString() : value == null ? null : value.toString();
        try {
            return UUID.fromString(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
