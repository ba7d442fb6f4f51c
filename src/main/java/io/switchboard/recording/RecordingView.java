package io.switchboard.recording;

import java.time.Instant;
import java.util.UUID;

/** A recording as the API shows it; {@code url} is Twilio's, to be fetched with the tenant's credentials. */
public record RecordingView(
        UUID id,
        String sid,
        UUID callId,
        String callSid,
        String url,
        RecordingStatus status,
        Integer duration,
        Integer channels,
        String source,
        Instant createdAt,
        Instant updatedAt) {

    public static RecordingView of(Recording recording) {
        return new RecordingView(
                recording.id,
                recording.sid,
                recording.callId,
                recording.callSid,
                recording.url,
                recording.status,
                recording.durationSeconds,
                recording.channels,
                recording.source,
                recording.createdAt,
                recording.updatedAt);
    }
}
