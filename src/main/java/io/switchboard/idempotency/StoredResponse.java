package io.switchboard.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer as it is kept for replay: status, the headers that belong to the resource (Location,
 * Content-Type) and the body as JSON bytes. Location is kept as a path, so a replay resolves it
 * against the host the retry came to, as the first answer did.
 */
record StoredResponse(int status, Map<String, String> headers, byte[] body) {

    /** The header that tells a client its answer is a replay and nothing was done again. */
    static final String REPLAYED = "Idempotent-Replayed";

    private static final String LOCATION = "Location";
    private static final String CONTENT_TYPE = "Content-Type";

    static StoredResponse of(Response response, ObjectMapper json) {
        Map<String, String> headers = new LinkedHashMap<>();
        URI location = response.getLocation();
        if (location != null) {
            headers.put(
                    LOCATION,
                    location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
        }
        Object entity = response.getEntity();
        byte[] body = null;
        if (entity != null) {
            MediaType type = response.getMediaType();
            headers.put(CONTENT_TYPE, type == null ? MediaType.APPLICATION_JSON : type.toString());
            try {
                body = entity instanceof byte[] bytes ? bytes : json.writeValueAsBytes(entity);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An answer to keep for replay does not serialize", e);
            }
        }
        return new StoredResponse(response.getStatus(), headers, body);
    }

    String headersJson(ObjectMapper json) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> headersFrom(String text, ObjectMapper json) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored answer's headers do not parse", e);
        }
    }

    /** The answer again, marked as a replay. */
    Response replay() {
        Response.ResponseBuilder replay = Response.status(status).header(REPLAYED, "true");
        String location = headers.get(LOCATION);
        if (location != null) {
            replay.location(URI.create(location));
        }
        if (body != null) {
            replay.entity(body).type(headers.getOrDefault(CONTENT_TYPE, MediaType.APPLICATION_JSON));
        }
        return replay.build();
    }
}
