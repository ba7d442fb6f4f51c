package io.switchboard.login;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/auth/login}: the tenant comes from the custom domain, or from {@code tenantId}. */
public record LoginRequest(
        @Schema(example = "ceo@acme-dental.com") @NotBlank @Size(max = 320) String email,
        @NotBlank @Size(max = 128) String password,
        @Schema(description = "needed unless you log in on the tenant's custom domain") UUID tenantId) {}
