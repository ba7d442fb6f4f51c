package io.switchboard.common;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/** How a JSON body failed to read, in the client's terms: the field's path and what is wrong with it. */
final class JsonBodies {

    private JsonBodies() {}

    /** "twilio.accountSid", "events.[2]": the path of the offending value, empty for the body itself. */
    static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    static String reason(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        if (e instanceof InvalidFormatException invalid
                && invalid.getMessage() != null
                && invalid.getMessage().contains(StrictJson.NUL_MESSAGE)) {
            return StrictJson.NUL_MESSAGE;
        }
        return "has the wrong type or format";
    }
}
