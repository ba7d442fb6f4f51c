package io.switchboard.product;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A product as created or replaced; a price is integer minor units with its ISO 4217 currency. */
public record ProductRequest(
        @Schema(example = "Whitening package") @NotBlank @Size(max = 200) String name,
        @Size(max = 5000) String description,
        @Schema(example = "24900") @Min(0) Long priceCents,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD") String currency,
        Boolean active) {}
