package io.switchboard.call;

import java.time.Instant;

/** What a voice or call-status webhook says about a call; absent fields are null. */
public record TwilioCallUpdate(
        String sid,
        String from,
        String to,
        CallDirection direction,
        CallStatus status,
        Integer sequenceNumber,
        Integer durationSeconds,
        Instant startedAt,
        Instant endedAt) {}
