package io.switchboard.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.Hashing;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bearer credentials that are not JWTs. On /admin only the operator token is accepted, and
 * anything else is refused outright (401), a dashboard JWT included. Elsewhere a token shaped like
 * a tenant API key goes to {@link ApiKeyIdentityProvider}; any other token is left to the JWT
 * mechanism, and no token at all leaves the request anonymous (webhooks, login).
 */
@ApplicationScoped
class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";
    private static final String ADMIN_PATH = "/admin/";
    private static final Pattern MATRIX_PARAMETERS = Pattern.compile(";[^/]*");

    private final byte[] operatorTokenDigest;

    BearerTokenMechanism(OperatorConfig operator) {
        this.operatorTokenDigest = operator.requiredTokenDigest();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = bearerToken(context);
        if (isAdminPath(context.normalizedPath())) {
            return isOperatorToken(token)
                    ? Uni.createFrom()
                            .item(QuarkusSecurityIdentity.builder()
                                    .setPrincipal(new QuarkusPrincipal("operator"))
                                    .addRole(Roles.OPERATOR)
                                    .build())
                    : Uni.createFrom().failure(new AuthenticationFailedException("Operator token required"));
        }
        if (token != null && token.startsWith(ApiKeyFormat.PREFIX)) {
            if (!ApiKeyFormat.looksLikeKey(token)) {
                return Uni.createFrom().failure(new AuthenticationFailedException("Malformed API key"));
            }
            return identityProviderManager.authenticate(
                    HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyAuthenticationRequest(token), context));
        }
        return Uni.createFrom().optional(Optional.empty());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        // Ahead of the JWT mechanism, so API keys and /admin never reach it.
        return DEFAULT_PRIORITY + 1000;
    }

    /**
     * Whether a path reaches the admin API. JAX-RS ignores matrix parameters when it matches
     * ({@code /admin;x/v1/tenants} is {@code /admin/v1/tenants}), so they are removed before the
     * prefix is compared; Vert.x's normalized path has already resolved dot segments and escapes.
     */
    static boolean isAdminPath(String normalizedPath) {
        String path = MATRIX_PARAMETERS.matcher(normalizedPath).replaceAll("");
        return path.startsWith(ADMIN_PATH) || path.equals("/admin");
    }

    private boolean isOperatorToken(String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(Hashing.sha256(token), operatorTokenDigest);
    }

    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null
                || header.length() <= BEARER.length()
                || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return header.substring(BEARER.length()).trim();
    }
}
