package io.switchboard.product;

import java.time.Instant;
import java.util.UUID;

public record ProductView(
        UUID id,
        String name,
        String description,
        Long priceCents,
        String currency,
        boolean active,
        Instant createdAt,
        Instant updatedAt) {

    static ProductView of(Product product) {
        return new ProductView(
                product.id,
                product.name,
                product.description,
                product.priceCents,
                product.currency,
                product.active,
                product.createdAt,
                product.updatedAt);
    }
}
