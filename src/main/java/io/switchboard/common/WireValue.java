package io.switchboard.common;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * An enum whose values travel as fixed strings (Twilio's "in-progress", our "no-show"): the same
 * string in JSON, in the database CHECK constraint and in webhooks.
 */
public interface WireValue {

    @JsonValue
    String wire();

    static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.wire().equals(value))
                .findFirst();
    }

    static <E extends Enum<E> & WireValue> E require(Class<E> type, String value) {
        return parse(type, value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + value + "' is not a " + type.getSimpleName() + "; allowed: " + allowed(type)));
    }

    static <E extends Enum<E> & WireValue> String allowed(Class<E> type) {
        return String.join(
                ", ",
                Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList());
    }
}
