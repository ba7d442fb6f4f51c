package io.switchboard.auth;

import io.switchboard.common.ClientAddress;
import io.switchboard.audit.ActorKind;
import io.switchboard.common.ApiException;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.TenantContext;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.UUID;

/** Dashboard login and logout. */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class AuthResource {

    public record TokenView(String token, Instant expiresAt) {
    }

    private final LoginService logins;
    private final TenantContext tenantContext;
    private final JsonWebToken jwt;

    AuthResource(LoginService logins, TenantContext tenantContext, JsonWebToken jwt) {
        this.logins = logins;
        this.tenantContext = tenantContext;
        this.jwt = jwt;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    public TokenView login(@Valid LoginRequest request, HttpServerRequest http) {
        UUID domainTenant = tenantContext.tenantId().orElse(null);
        if (domainTenant == null && request.tenantId() == null) {
            throw new ApiException.Invalid("tenantId", "is required unless you log in on your tenant's custom domain");
        }
        if (domainTenant == null) {
            // The one request that names its tenant in the body, as the contract allows.
            String ip = ClientAddress.of(http);
            tenantContext.enter(request.tenantId(), new Actor(ActorKind.SYSTEM, null, null, ip, http.getHeader("User-Agent")));
        } else if (request.tenantId() != null && !request.tenantId().equals(domainTenant)) {
            throw new ApiException.Unauthorized("Invalid email or password");
        }
        LoginService.Outcome outcome = logins.login(request.email(), request.password());
        if (outcome instanceof LoginService.Outcome.Success success) {
            return new TokenView(success.token(), success.expiresAt());
        }
        if (outcome instanceof LoginService.Outcome.Locked locked) {
            throw new ApiException.TooManyRequests("Too many failed logins; this account is locked for a while",
                    locked.retryAfter());
        }
        if (outcome instanceof LoginService.Outcome.TenantInactive) {
            throw new ApiException.Forbidden("This tenant is inactive");
        }
        throw new ApiException.Unauthorized("Invalid email or password");
    }

    @POST
    @Path("/logout")
    @RolesAllowed({Roles.CEO, Roles.ADMIN, Roles.SALES})
    public Response logout() {
        Object session = jwt.getClaim(CallerAttributes.SESSION_CLAIM);
        if (jwt.getRawToken() == null || session == null) {
            throw new ApiException.Invalid("Authorization", "only a dashboard login has a session to end; revoke API keys instead");
        }
        logins.logout(UUID.fromString(session.toString().replace("\"", "")));
        return Response.noContent().build();
    }
}
