package io.switchboard.common;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resources are addressed by Switchboard's id or by Twilio's SID ({@code /v1/calls/CA...}). Anything
 * that is neither finds nothing (404), never an error about its format.
 */
public final class IdOrSid {

    private IdOrSid() {}

    public static <T> Optional<T> find(
            String idOrSid, Pattern sidFormat, Function<String, Optional<T>> bySid, Function<UUID, Optional<T>> byId) {
        if (sidFormat.matcher(idOrSid).matches()) {
            return bySid.apply(idOrSid);
        }
        try {
            return byId.apply(UUID.fromString(idOrSid));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
