package io.switchboard.content;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.common.QueryParams;
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

/** {@code /v1/content}: greetings, SMS templates, scripts. Every role reads; apps and admins write. */
@Path("/v1/content")
@RolesAllowed({Roles.APP, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Content")
public class ContentResource {

    private final ContentService content;

    ContentResource(ContentService content) {
        this.content = content;
    }

    @GET
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Operation(operationId = "listContent", summary = "List content, newest first; ?type=greeting etc.")
    public Page<ContentView> list(
            @QueryParam("type") String type, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return content.list(QueryParams.wire("type", type, ContentType.class), PageRequest.of(limit, cursor));
    }

    @POST
    @Idempotent
    @Operation(
            operationId = "createContent",
            summary = "Create content; the newest active greeting is spoken to callers")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContentView.class)))
    public Response create(@NotNull @Valid ContentRequest request) {
        ContentView created = content.create(request);
        return Response.created(URI.create("/v1/content/" + created.id()))
                .entity(created)
                .build();
    }

    @PUT
    @Path("/{id}")
    @Operation(operationId = "replaceContent")
    public ContentView replace(@PathParam("id") UUID id, @NotNull @Valid ContentRequest request) {
        return content.replace(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteContent")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        content.delete(id);
    }
}
