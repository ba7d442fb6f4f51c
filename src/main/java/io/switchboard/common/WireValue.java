package io.switchboard.common;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An enum whose values travel as fixed strings (Twilio's "in-progress", our "no-show"): the same
 * string in JSON, in the database CHECK constraint and in webhooks.
 */
public interface WireValue {

    @JsonValue
    String wire();

    static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String value) {
        // Every column of every row read goes through here: a map per type, not a scan of the values.
        return value == null
                ? Optional.empty()
                : Optional.ofNullable(type.cast(ByWire.BY_TYPE.get(type).get(value)));
    }

    static <E extends Enum<E> & WireValue> E require(Class<E> type, String value) {
        return parse(type, value)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + value + "' is not a " + type.getSimpleName() + "; allowed: " + allowed(type)));
    }

    /** Each wire enum's values by their wire string, built once per type. */
    final class ByWire {
        private static final ClassValue<Map<String, Object>> BY_TYPE = new ClassValue<>() {
            @Override
            protected Map<String, Object> computeValue(Class<?> type) {
                return Arrays.stream(type.getEnumConstants())
                        .collect(Collectors.toUnmodifiableMap(value -> ((WireValue) value).wire(), value -> value));
            }
        };

        private ByWire() {}
    }

    static <E extends Enum<E> & WireValue> String allowed(Class<E> type) {
        return String.join(
                ", ",
                Arrays.stream(type.getEnumConstants()).map(WireValue::wire).toList());
    }
}
