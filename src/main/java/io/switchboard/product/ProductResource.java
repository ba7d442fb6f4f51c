package io.switchboard.product;

import io.switchboard.auth.Roles;
import io.switchboard.common.Page;
import io.switchboard.common.PageRequest;
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

/** {@code /v1/products}: every role reads the catalogue; apps and admins manage it. */
@Path("/v1/products")
@RolesAllowed({Roles.APP, Roles.ADMIN})
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products")
public class ProductResource {

    private final ProductService products;

    ProductResource(ProductService products) {
        this.products = products;
    }

    @GET
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Operation(operationId = "listProducts")
    public Page<ProductView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return products.list(PageRequest.of(limit, cursor));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Operation(operationId = "getProduct")
    public ProductView get(@PathParam("id") UUID id) {
        return products.get(id);
    }

    @POST
    @Idempotent
    @Operation(operationId = "createProduct")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductView.class)))
    public Response create(@NotNull @Valid ProductRequest request) {
        ProductView product = products.create(request);
        return Response.created(URI.create("/v1/products/" + product.id()))
                .entity(product)
                .build();
    }

    @PUT
    @Path("/{id}")
    @Operation(operationId = "replaceProduct")
    public ProductView replace(@PathParam("id") UUID id, @NotNull @Valid ProductRequest request) {
        return products.replace(id, request);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteProduct")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") UUID id) {
        products.delete(id);
    }
}
