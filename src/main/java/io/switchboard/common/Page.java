package io.switchboard.common;

import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: {@code {"data": [...], "nextCursor": "..." | null}}. */
public record Page<T>(@Schema(required = true) List<T> data, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that more
     * follow, and the cursor points after the last row returned.
     */
    public static <E, T> Page<T> of(
            List<E> rows, PageRequest request, Function<E, Cursor<?>> cursorOf, Function<E, T> view) {
        boolean more = rows.size() > request.limit();
        List<E> shown = more ? rows.subList(0, request.limit()) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
