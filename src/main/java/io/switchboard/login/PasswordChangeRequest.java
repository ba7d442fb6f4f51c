package io.switchboard.login;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/auth/password}: one's own password, changed with the current one. */
public record PasswordChangeRequest(
        @Schema(example = "correct horse battery") @NotNull @Size(max = 128) String currentPassword,
        @Schema(example = "a longer passphrase, 2026")
                @NotNull
                @Size(min = 10, max = 128, message = "must be 10 to 128 characters")
                String newPassword) {}
