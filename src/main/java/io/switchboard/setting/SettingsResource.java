package io.switchboard.setting;

import io.switchboard.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A tenant's telephony settings: every role reads them, admins and apps change them. */
@Path("/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings")
public class SettingsResource {

    private final SettingsService settings;

    SettingsResource(SettingsService settings) {
        this.settings = settings;
    }

    @GET
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Operation(operationId = "getSettings")
    public SettingsView get() {
        return settings.get();
    }

    @PUT
    @RolesAllowed({Roles.APP, Roles.ADMIN})
    @Operation(operationId = "replaceSettings")
    public SettingsView replace(@NotNull @Valid UpdateSettingsRequest request) {
        return settings.replace(request);
    }
}
