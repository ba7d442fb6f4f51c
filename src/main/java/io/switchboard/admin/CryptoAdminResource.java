package io.switchboard.admin;

import io.switchboard.auth.Roles;
import io.switchboard.common.ClientAddress;
import io.switchboard.tenant.Actor;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators move every stored secret to the active encryption key after changing SWITCHBOARD_CRYPTO_KEYS. */
@Path("/admin/v1/crypto")
@RolesAllowed(Roles.OPERATOR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin: encryption keys")
@SecurityRequirement(name = "operatorToken")
public class CryptoAdminResource {

    private final SecretRotationService rotation;

    CryptoAdminResource(SecretRotationService rotation) {
        this.rotation = rotation;
    }

    @POST
    @Path("/rotate")
    @Operation(
            operationId = "rotateEncryptionKeys",
            summary = "Re-encrypt every tenant secret under the active key",
            description = "Idempotent and resumable: run it again after an interruption. Values that do not decrypt"
                    + " are listed in failures and left untouched.")
    public SecretRotationService.Report rotate(@Context HttpServerRequest http) {
        String ip = ClientAddress.of(http);
        return rotation.rotateAll(Actor.operator(ip, http.getHeader("User-Agent")));
    }
}
