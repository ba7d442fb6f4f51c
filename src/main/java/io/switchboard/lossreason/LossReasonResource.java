package io.switchboard.lossreason;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import io.switchboard.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/loss-reasons}: everyone reads them (reps pick one for a lost call); admins and apps manage them. */
@Path("/v1/loss-reasons")
@RolesAllowed({Roles.APP, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Loss reasons")
public class LossReasonResource {

    private final LossReasonService reasons;

    LossReasonResource(LossReasonService reasons) {
        this.reasons = reasons;
    }

    @GET
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Operation(
            operationId = "listLossReasons",
            summary = "Loss reasons by name; ?includeInactive=true adds deactivated ones")
    public Page<LossReasonView> list(@QueryParam("includeInactive") boolean includeInactive) {
        // A tenant has a handful of reasons: one page, never a cursor.
        return new Page<>(reasons.list(includeInactive), null);
    }

    @POST
    @Idempotent
    @Operation(operationId = "createLossReason")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LossReasonView.class)))
    public Response create(@NotNull @Valid LossReasonRequest request) {
        LossReasonView reason = reasons.create(request);
        return Response.created(URI.create("/v1/loss-reasons/" + reason.id()))
                .entity(reason)
                .build();
    }

    @PUT
    @Path("/{id}")
    @Operation(operationId = "replaceLossReason")
    public LossReasonView replace(@PathParam("id") UUID id, @NotNull @Valid LossReasonRequest request) {
        return reasons.replace(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            operationId = "deleteLossReason",
            summary = "Delete a loss reason",
            description = "204 when deleted; 200 with the reason, now inactive,"
                    + " when calls refer to it (it stays for their history but can no longer be chosen).")
    @APIResponse(
            responseCode = "200",
            description = "In use by calls: deactivated, and shown as it now is",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LossReasonView.class)))
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") UUID id) {
        return reasons.delete(id)
                .map(deactivated -> Response.ok(deactivated).build())
                .orElseGet(() -> Response.noContent().build());
    }
}
