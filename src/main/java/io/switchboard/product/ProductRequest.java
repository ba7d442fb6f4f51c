package io.switchboard.product;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A product as created or replaced; a price is integer minor units with its ISO 4217 currency. */
public record ProductRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 5000) String description,
        @Min(0) Long priceCents,
        @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code such as USD") String currency,
        Boolean active) {
}
