package io.switchboard.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.auth.Roles;
import io.switchboard.common.MergePatch;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
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

/** {@code /v1/webhook-endpoints}: where a tenant's events go. Admins and tenant apps only. */
@Path("/v1/webhook-endpoints")
@RolesAllowed({Roles.APP, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class WebhookEndpointResource {

    private final EndpointService endpoints;
    private final ObjectMapper json;
    private final Validator validator;

    WebhookEndpointResource(EndpointService endpoints, ObjectMapper json, Validator validator) {
        this.endpoints = endpoints;
        this.json = json;
        this.validator = validator;
    }

    @GET
    @Operation(operationId = "listWebhookEndpoints", summary = "The tenant's webhook endpoints, newest first")
    public Page<EndpointView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return endpoints.list(PageRequest.of(limit, cursor));
    }

    @POST
    @Idempotent
    @Operation(
            operationId = "createWebhookEndpoint",
            summary = "Subscribe a URL to event types",
            description = "The answer carries the signing secret (whsec_...), shown this once.")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = EndpointWithSecret.class)))
    public Response create(@NotNull @Valid EndpointRequest request) {
        EndpointWithSecret created = endpoints.create(request);
        return Response.created(
                        URI.create("/v1/webhook-endpoints/" + created.endpoint().id()))
                .entity(created)
                .build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhookEndpoint")
    public EndpointView get(@PathParam("id") UUID id) {
        return endpoints.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(
            operationId = "updateWebhookEndpoint",
            summary = "Change the URL, event types, description; pause (enabled false) or re-enable")
    public EndpointView update(
            @PathParam("id") UUID id,
            @RequestBody(
                            required = true,
                            description = "A JSON merge patch (RFC 7396): fields sent replace",
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = EndpointRequest.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = EndpointRequest.class))
                            })
                    JsonNode body) {
        MergePatch<EndpointRequest> patch = MergePatch.read(body, EndpointRequest.class, json, validator);
        return endpoints.update(id, patch.value(), patch.present());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteWebhookEndpoint", summary = "Delete an endpoint and its pending deliveries")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        endpoints.delete(id);
    }

    @POST
    @Idempotent
    @Path("/{id}/rotate-secret")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            operationId = "rotateWebhookEndpointSecret",
            summary = "A new signing secret, shown this once; the old one keeps signing for 24 hours",
            description = "Until previousSecretUntil, every delivery carries two signatures in webhook-signature"
                    + " (one per secret), so a receiver verifying with either secret accepts it.")
    @APIResponse(
            responseCode = "200",
            description = "The endpoint with its new secret",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = EndpointWithSecret.class)))
    public Response rotateSecret(@PathParam("id") UUID id) {
        return Response.ok(endpoints.rotateSecret(id)).build();
    }
}
