package io.switchboard.login;

import io.switchboard.auth.Caller;
import io.switchboard.auth.Roles;
import io.switchboard.common.ApiException;
import io.switchboard.common.ClientAddress;
import io.switchboard.tenant.Actor;
import io.switchboard.tenant.ActorKind;
import io.switchboard.tenant.TenantContext;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Dashboard login, logout and password change. */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class AuthResource {

    public record TokenView(String token, Instant expiresAt) {}

    /** One answer for an unknown email, a wrong password and an inactive user alike. */
    private static final String REFUSED = "Invalid email or password";

    private final LoginService logins;
    private final TenantContext tenantContext;
    private final Caller caller;

    AuthResource(LoginService logins, TenantContext tenantContext, Caller caller) {
        this.logins = logins;
        this.tenantContext = tenantContext;
        this.caller = caller;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "login",
            summary = "Log in to the dashboard",
            description = "The tenant comes from the custom domain, or from tenantId. Failed attempts are throttled"
                    + " per account and address and per address (429 with Retry-After), the same for every email.")
    public TokenView login(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        UUID domainTenant = tenantContext.tenantId().orElse(null);
        if (domainTenant == null && request.tenantId() == null) {
            throw new ApiException.Invalid("tenantId", "is required unless you log in on your tenant's custom domain");
        }
        if (domainTenant == null) {
            // The one request that names its tenant in the body, as the contract allows.
            tenantContext.enter(
                    request.tenantId(),
                    new Actor(ActorKind.SYSTEM, null, null, ClientAddress.of(http), http.getHeader("User-Agent")));
        } else if (request.tenantId() != null && !request.tenantId().equals(domainTenant)) {
            throw new ApiException.Unauthorized(REFUSED);
        }
        LoginService.Outcome outcome = logins.login(request.email(), request.password());
        if (outcome instanceof LoginService.Outcome.Success success) {
            return new TokenView(success.token(), success.expiresAt());
        }
        if (outcome instanceof LoginService.Outcome.Throttled throttled) {
            throw new ApiException.TooManyRequests(
                    "Too many attempts from this address; retry later", throttled.retryAfter());
        }
        if (outcome instanceof LoginService.Outcome.TenantInactive) {
            throw new ApiException.Forbidden("This tenant is inactive");
        }
        throw new ApiException.Unauthorized(REFUSED);
    }

    @POST
    @Path("/logout")
    @RolesAllowed({Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Operation(
            operationId = "logout",
            summary = "End this dashboard session; its token is refused from the next request")
    @APIResponse(responseCode = "204", description = "Logged out")
    @APIResponse(responseCode = "400", description = "Not a dashboard login (an API key has no session)")
    public void logout() {
        logins.logout(requireSession());
    }

    @POST
    @Path("/password")
    @RolesAllowed({Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changePassword", summary = "Change your own password; your other sessions end")
    @APIResponse(responseCode = "204", description = "Changed; your other sessions have ended")
    @APIResponse(
            responseCode = "400",
            description = "The current password is wrong, the new one too short, or not a" + " dashboard login")
    public void changePassword(@NotNull @Valid PasswordChangeRequest request) {
        UUID userId = caller.userId().orElseThrow(AuthResource::noSession);
        logins.changePassword(userId, requireSession(), request.currentPassword(), request.newPassword());
    }

    private UUID requireSession() {
        return caller.sessionId().orElseThrow(AuthResource::noSession);
    }

    private static ApiException noSession() {
        return new ApiException.Invalid(
                "Authorization", "only a dashboard login has a session and a password; API keys are revoked instead");
    }
}
