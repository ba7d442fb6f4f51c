package io.switchboard.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.HashSet;
import java.util.Set;

/**
 * A JSON merge patch (RFC 7396) read into a request type: the typed, validated values plus the
 * names of the fields the body contained, so "absent" (keep) and "null" (clear) stay apart.
 * Fields of nested objects are named "parent.child". Read as strictly as every other body.
 */
public record MergePatch<T>(T value, Set<String> present) {

    public static <T> MergePatch<T> read(JsonNode body, Class<T> type, ObjectMapper json, Validator validator) {
        if (body == null || !body.isObject()) {
            throw new ApiException.Invalid("body", "must be a JSON object");
        }
        T value;
        try {
            value = json.treeToValue(body, type);
        } catch (MismatchedInputException e) {
            String field = JsonBodies.path(e);
            throw new ApiException.Invalid(field.isEmpty() ? "body" : field, JsonBodies.reason(e));
        } catch (JsonProcessingException e) {
            throw new ApiException.Invalid("body", "has a value of the wrong type or shape");
        }
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        Set<String> present = new HashSet<>();
        body.fields().forEachRemaining(field -> {
            present.add(field.getKey());
            if (field.getValue().isObject()) {
                field.getValue().fieldNames().forEachRemaining(child -> present.add(field.getKey() + "." + child));
            }
        });
        return new MergePatch<>(value, present);
    }
}
