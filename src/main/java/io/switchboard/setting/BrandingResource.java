package io.switchboard.setting;

import io.switchboard.auth.Roles;
import io.switchboard.common.ApiException;
import io.switchboard.tenant.Tenant;
import io.switchboard.tenant.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /v1/branding}: the tenant's branding (colours, logo URL, ...) as a free JSON object. */
@Path("/v1/branding")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Settings")
public class BrandingResource {

    private static final int MAX_FIELDS = 100;

    private final Branding branding;

    BrandingResource(Branding branding) {
        this.branding = branding;
    }

    @GET
    @RolesAllowed({Roles.APP, Roles.CEO, Roles.ADMIN, Roles.SALES})
    @Operation(operationId = "getBranding")
    public Map<String, Object> get() {
        return branding.get();
    }

    @PUT
    @RolesAllowed({Roles.APP, Roles.ADMIN})
    @Operation(operationId = "replaceBranding", summary = "Replace the branding object (at most 100 top-level fields)")
    public Map<String, Object> replace(Map<String, Object> config) {
        if (config == null || config.size() > MAX_FIELDS) {
            throw new ApiException.Invalid("body", "must be a JSON object of at most " + MAX_FIELDS + " fields");
        }
        return branding.replace(config);
    }

    @ApplicationScoped
    @Transactional
    static class Branding {

        private final TenantContext tenantContext;

        Branding(TenantContext tenantContext) {
            this.tenantContext = tenantContext;
        }

        Map<String, Object> get() {
            return current().brandingConfig;
        }

        Map<String, Object> replace(Map<String, Object> config) {
            Tenant tenant = current();
            tenant.brandingConfig = config;
            return tenant.brandingConfig;
        }

        private Tenant current() {
            return Tenant.findCurrent(tenantContext.requireTenantId())
                    .orElseThrow(() -> new ApiException.NotFound("Tenant"));
        }
    }
}
