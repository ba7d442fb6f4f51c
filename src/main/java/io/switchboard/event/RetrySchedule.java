package io.switchboard.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each
 * delay varied by up to a fifth either way so that an endpoint coming back is not met by every
 * retry at once. Eight attempts over about 27.5 hours, so a receiver down for a whole day still
 * gets every event; then the delivery is given up.
 */
final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));

    static final int MAX_ATTEMPTS = DELAYS.size() + 1;

    private RetrySchedule() {}

    /** When to try again after attempt number {@code attempt} failed; null when it was the last. */
    static Instant next(int attempt, Instant now) {
        if (attempt >= MAX_ATTEMPTS) {
            return null;
        }
        Duration delay = DELAYS.get(Math.max(0, attempt - 1));
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return now.plusMillis(Math.round(delay.toMillis() * jitter));
    }
}
