package io.switchboard.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new dashboard user, from an operator or a tenant admin. */
public record CreateUserRequest(
        @NotBlank @Email @Size(max = 320) String email,
        @NotBlank @Size(max = 200) String name,
        @NotNull Role role,
        @NotNull @Size(min = 10, max = 128, message = "must be 10 to 128 characters") String password) {}
