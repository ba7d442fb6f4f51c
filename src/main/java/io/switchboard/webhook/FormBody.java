package io.switchboard.webhook;

import io.switchboard.common.ApiException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A form-encoded webhook body, parsed strictly from the raw bytes: every name with all its values,
 * in the order sent. A bad percent-escape is a 400, never a silently altered value, because the
 * signature is computed over exactly these values.
 */
public final class FormBody {

    private final Map<String, List<String>> params;

    private FormBody(Map<String, List<String>> params) {
        this.params = params;
    }

    /** The parsed form, or empty when the bytes are not valid form encoding. */
    public static Optional<FormBody> tryParse(byte[] body) {
        try {
            return Optional.of(parse(body));
        } catch (ApiException malformed) {
            return Optional.empty();
        }
    }

    public static FormBody parse(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return new FormBody(params);
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return new FormBody(params);
    }

    /** All parameters, for the signature check. */
    public Map<String, List<String>> params() {
        return Collections.unmodifiableMap(params);
    }

    /** The first value of a parameter, or null when absent or empty. */
    public String get(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid("body", "is not valid application/x-www-form-urlencoded");
        }
    }
}
