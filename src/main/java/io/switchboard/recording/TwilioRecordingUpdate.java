package io.switchboard.recording;

/** What a recording-status webhook says; absent fields are null. */
public record TwilioRecordingUpdate(
        String sid,
        String callSid,
        String url,
        RecordingStatus status,
        Integer durationSeconds,
        Integer channels,
        String source) {}
