package io.switchboard.call;

import java.time.Instant;
import java.util.UUID;

/** Filters of {@code GET /v1/calls}; null means no filter. Times bound {@code createdAt}: since inclusive, until exclusive. */
public record CallFilter(
        CallStatus status, CallDirection direction, Instant since, Instant until, UUID userId, Outcome outcome) {}
