package io.switchboard.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A keyset position in a list ordered newest first by (time, id): the next page holds the rows
 * strictly before it, so rows inserted meanwhile neither repeat nor push rows out of the list.
 * Opaque to clients (base64url).
 */
public record Cursor(Instant time, UUID id) {

    public String encode() {
        String raw = time.getEpochSecond() + ":" + time.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String encoded) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return new Cursor(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw new ApiException.Invalid("cursor", "is not a cursor returned by this list");
        }
    }
}
