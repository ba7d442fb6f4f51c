package io.switchboard.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.auth.Roles;
import io.switchboard.common.MergePatch;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.QueryParams;
import io.switchboard.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /v1/users}: admins, the CEO and apps manage users (only the CEO, apps and operators touch a CEO);
 * anyone marks their own onboarding.
 */
@Path("/v1/users")
@RolesAllowed({Roles.APP, Roles.ADMIN, Roles.CEO})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {

    private final UserService users;
    private final ObjectMapper json;
    private final Validator validator;

    UserResource(UserService users, ObjectMapper json, Validator validator) {
        this.users = users;
        this.json = json;
        this.validator = validator;
    }

    @GET
    @Operation(operationId = "listUsers")
    public Page<UserView> list(
            @QueryParam("role") String role,
            @QueryParam("active") Boolean active,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return users.list(QueryParams.wire("role", role, Role.class), active, PageRequest.of(limit, cursor));
    }

    @POST
    @Idempotent(commitsItself = true)
    @Operation(operationId = "createUser")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    public Response create(@NotNull @Valid CreateUserRequest request) {
        return users.create(request, user -> Response.created(URI.create("/v1/users/" + user.id()))
                .entity(user)
                .build());
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Roles.APP, Roles.ADMIN, Roles.CEO, Roles.SALES})
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            operationId = "updateUser",
            summary = "Change a user (admins: name, role, active) or mark your own onboarding complete")
    public UserView update(
            @PathParam("id") UUID id,
            @RequestBody(
                            required = true,
                            description = "A JSON merge patch (RFC 7396): fields sent replace, null clears",
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = UpdateUserRequest.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = UpdateUserRequest.class))
                            })
                    JsonNode body) {
        MergePatch<UpdateUserRequest> patch = MergePatch.read(body, UpdateUserRequest.class, json, validator);
        return users.update(id, patch.value(), patch.present());
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            operationId = "deactivateUser",
            summary = "Deactivate a user and end their sessions (users are never deleted: their calls keep them)")
    @APIResponse(responseCode = "204", description = "Deactivated; their sessions have ended")
    public void deactivate(@PathParam("id") UUID id) {
        users.deactivate(id);
    }
}
