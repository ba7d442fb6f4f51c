package io.switchboard.login;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/sessions}: the tenant's open dashboard logins, for its admins. */
@Path("/v1/sessions")
@RolesAllowed({Roles.APP, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class SessionResource {

    private final SessionService sessions;

    SessionResource(SessionService sessions) {
        this.sessions = sessions;
    }

    @GET
    @Operation(operationId = "listSessions", summary = "Open logins, newest first")
    public Page<SessionService.SessionView> open() {
        return new Page<>(sessions.open(), null);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "endSession", summary = "End a login now; its token is refused from the next request")
    @APIResponse(responseCode = "204", description = "Ended")
    public void end(@PathParam("id") UUID id) {
        sessions.end(id);
    }
}
