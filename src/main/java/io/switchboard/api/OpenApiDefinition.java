package io.switchboard.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Contact;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/** The OpenAPI document's frame: the three bearer credentials the API accepts. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Switchboard API",
                        version = "1.0",
                        contact = @Contact(name = "Switchboard operators", email = "ops@switchboard.example"),
                        description =
                                "Multi-tenant telephony on Twilio. Errors are application/problem+json (RFC 9457)."),
        security = {@SecurityRequirement(name = "apiKey"), @SecurityRequirement(name = "dashboardJwt")})
@SecuritySchemes({
    @SecurityScheme(
            securitySchemeName = "apiKey",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            description = "A tenant API key (sb_live_...): full access to its tenant."),
    @SecurityScheme(
            securitySchemeName = "dashboardJwt",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            bearerFormat = "JWT",
            description = "A dashboard user's token from POST /v1/auth/login; access by role."),
    @SecurityScheme(
            securitySchemeName = "operatorToken",
            type = SecuritySchemeType.HTTP,
            scheme = "bearer",
            description = "The operator token whose SHA-256 is SWITCHBOARD_OPS_TOKEN_SHA256; /admin only.")
})
public class OpenApiDefinition extends Application {}
