package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.auth.ApiKeyService;
import io.switchboard.auth.Roles;
import io.switchboard.common.MergePatch;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
import io.switchboard.reconciliation.ReconcileRequest;
import io.switchboard.reconciliation.ReconciliationService;
import io.switchboard.reconciliation.SyncView;
import io.switchboard.tenant.TenantView;
import io.switchboard.user.CreateUserRequest;
import io.switchboard.user.UserView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operators provision tenants, their API keys and first users. The tenant a request works on is
 * entered by {@link TenantResolver} from the path (or reserved for a tenant being created).
 */
@Path("/admin/v1/tenants")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: tenants")
@SecurityRequirement(name = "operatorToken")
public class TenantAdminResource {

    private final TenantAdminService tenants;
    private final ReconciliationService reconciliation;
    private final ObjectMapper json;
    private final Validator validator;

    TenantAdminResource(
            TenantAdminService tenants, ReconciliationService reconciliation, ObjectMapper json, Validator validator) {
        this.tenants = tenants;
        this.reconciliation = reconciliation;
        this.json = json;
        this.validator = validator;
    }

    @POST
    @Operation(operationId = "createTenant")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TenantCreated.class)))
    public Response create(@NotNull @Valid CreateTenantRequest request) {
        TenantCreated created = tenants.create(request);
        return Response.created(
                        URI.create("/admin/v1/tenants/" + created.tenant().id()))
                .entity(created)
                .build();
    }

    @GET
    @Operation(operationId = "listTenants")
    public Page<TenantView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return tenants.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTenant")
    public TenantView get(@PathParam("id") UUID id) {
        return tenants.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(operationId = "updateTenant")
    public TenantView update(
            @PathParam("id") UUID id,
            @RequestBody(
                            required = true,
                            description = "A JSON merge patch (RFC 7396): fields sent replace, null clears",
                            content = {
                                @Content(
                                        mediaType = "application/merge-patch+json",
                                        schema = @Schema(implementation = UpdateTenantRequest.class)),
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = UpdateTenantRequest.class))
                            })
                    JsonNode body) {
        MergePatch<UpdateTenantRequest> patch = MergePatch.read(body, UpdateTenantRequest.class, json, validator);
        return tenants.update(id, patch.value(), patch.present());
    }

    @POST
    @Path("/{id}/api-keys")
    @Operation(operationId = "issueTenantApiKey")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = ApiKeyService.IssuedApiKey.class)))
    public Response issueApiKey(@PathParam("id") UUID id) {
        return Response.status(Response.Status.CREATED)
                .entity(tenants.issueApiKey(id))
                .build();
    }

    @GET
    @Path("/{id}/api-keys")
    @Operation(operationId = "listTenantApiKeys")
    public List<ApiKeyService.ApiKeyView> listApiKeys(@PathParam("id") UUID id) {
        return tenants.listApiKeys(id);
    }

    @DELETE
    @Path("/{id}/api-keys/{keyId}")
    @Operation(operationId = "revokeTenantApiKey")
    @APIResponse(responseCode = "204", description = "Revoked")
    public void revokeApiKey(@PathParam("id") UUID id, @PathParam("keyId") UUID keyId) {
        tenants.revokeApiKey(id, keyId);
    }

    @POST
    @Path("/{id}/users")
    @Operation(operationId = "createTenantUser")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserView.class)))
    public Response createUser(@PathParam("id") UUID id, @NotNull @Valid CreateUserRequest request) {
        UserView user = tenants.createUser(id, request);
        return Response.status(Response.Status.CREATED).entity(user).build();
    }

    @POST
    @Path("/{id}/reconcile")
    @Operation(
            operationId = "reconcileTenant",
            summary = "Reads the tenant's calls, recordings and messages back from Twilio and stores what"
                    + " the webhooks missed; runs after the answer")
    @APIResponse(
            responseCode = "202",
            description = "Accepted: the run starts on this instance (or, if another holds the tenant, when its"
                    + " run ends); follow it with GET /admin/v1/tenants/{id}/sync",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SyncView.class)))
    @Consumes(MediaType.WILDCARD)
    public Response reconcile(
            @PathParam("id") UUID id,
            @HeaderParam("Content-Type") String contentType,
            @RequestBody(
                            required = false,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = ReconcileRequest.class)))
                    byte[] body)
            throws IOException {
        tenants.requireActiveTenant(id);
        return Response.accepted(reconciliation.request(reconcileRequest(contentType, body)))
                .build();
    }

    /** The body is optional (a bare {@code curl -X POST} asks for the default pass); when sent, it is JSON. */
    private ReconcileRequest reconcileRequest(String contentType, byte[] body) throws IOException {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new NotSupportedException("The body must be application/json");
        }
        return json.readValue(body, ReconcileRequest.class);
    }

    @GET
    @Path("/{id}/sync")
    @Operation(operationId = "getTenantSync", summary = "The tenant's reconciliation state")
    public SyncView sync(@PathParam("id") UUID id) {
        tenants.requireTenant(id);
        return reconciliation.view();
    }
}
