package io.switchboard.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Parses list filters, answering 400 naming the parameter when a value is not understood. */
public final class QueryParams {

    private QueryParams() {}

    /** ISO-8601 with an offset or Z, e.g. 2026-11-01T00:00:00Z. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException.Invalid(name, "must be an ISO-8601 time with offset, e.g. 2026-11-01T00:00:00Z");
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(name, "must be a UUID");
        }
    }

    public static <E extends Enum<E> & WireValue> E wire(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return WireValue.parse(type, value.trim())
                .orElseThrow(() -> new ApiException.Invalid(name, "must be one of " + WireValue.allowed(type)));
    }

    /** since must not be after until. */
    public static void requireOrdered(Instant since, Instant until) {
        if (since != null && until != null && since.isAfter(until)) {
            throw new ApiException.Invalid("since", "must not be after until");
        }
    }
}
