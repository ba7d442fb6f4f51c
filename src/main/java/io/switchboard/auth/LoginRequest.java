package io.switchboard.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** {@code POST /v1/auth/login}: the tenant comes from the custom domain, or from {@code tenantId}. */
public record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 128) String password,
                           UUID tenantId) {
}
