package io.switchboard.common;

import java.util.function.Function;

/**
 * {@code ?limit=} (default 50, at most 500) and {@code ?cursor=} of a list request. The cursor is
 * decoded by the list, which knows the type of its ids.
 */
public record PageRequest(int limit, String cursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public static PageRequest of(String limit, String cursor) {
        int size = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw new ApiException.Invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw new ApiException.Invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
            }
        }
        return new PageRequest(size, cursor == null || cursor.isBlank() ? null : cursor);
    }

    /** Where the page starts, or null for the first page. */
    public <I> Cursor<I> after(Function<String, I> parseId) {
        return cursor == null ? null : Cursor.decode(cursor, parseId);
    }

    /** Rows to fetch: one more than shown, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
