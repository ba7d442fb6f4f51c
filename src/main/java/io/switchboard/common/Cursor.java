package io.switchboard.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

/**
 * A keyset position in a list ordered newest first by (time, id): the next page holds the rows
 * strictly before it, so rows inserted meanwhile neither repeat nor push rows out of the list.
 * Opaque to clients (base64url). The id is a UUID for most lists, a number for the audit trail.
 */
public record Cursor<I>(Instant time, I id) {

    public String encode() {
        String raw = time.getEpochSecond() + ":" + time.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static <I> Cursor<I> decode(String encoded, Function<String, I> parseId) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException("wrong number of parts");
            }
            return new Cursor<>(
                    Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parseId.apply(parts[2]));
        } catch (RuntimeException e) {
            throw new ApiException.Invalid("cursor", "is not a cursor returned by this list");
        }
    }
}
