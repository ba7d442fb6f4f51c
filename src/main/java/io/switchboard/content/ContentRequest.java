package io.switchboard.content;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A piece of content as created or replaced. */
public record ContentRequest(
        @NotBlank @Size(max = 200) String title,
        @NotNull ContentType type,
        @NotNull @Size(max = 20_000) String body,
        Boolean active) {}
