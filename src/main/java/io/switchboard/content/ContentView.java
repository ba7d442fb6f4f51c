package io.switchboard.content;

import java.time.Instant;
import java.util.UUID;

public record ContentView(
        UUID id,
        String title,
        ContentType type,
        String body,
        boolean active,
        UUID createdBy,
        Instant createdAt,
        Instant updatedAt) {

    static ContentView of(Content content) {
        return new ContentView(
                content.id,
                content.title,
                content.type,
                content.body,
                content.active,
                content.createdBy,
                content.createdAt,
                content.updatedAt);
    }
}
