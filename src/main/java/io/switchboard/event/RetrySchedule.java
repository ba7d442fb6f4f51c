package io.switchboard.event;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, each
 * delay varied so that an endpoint coming back is not met by every retry at once. Eight attempts
 * over about 27.5 hours (at least 27, at most 33), so a receiver down for a whole day still gets
 * every event; then the delivery is given up. Short delays vary by up to a fifth either way; the
 * hours-long ones only grow, by up to a fifth, so that the retries never end before 24 hours (the
 * contract's promise), however the variations fall.
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

    /** Delays this long or longer are only ever lengthened. */
    private static final Duration ONLY_LONGER_FROM = Duration.ofHours(5);

    private RetrySchedule() {}

    /** When to try again after attempt number {@code attempt} failed; null when it was the last. */
    static Instant next(int attempt, Instant now) {
        if (attempt >= MAX_ATTEMPTS) {
            return null;
        }
        return now.plus(delay(attempt, ThreadLocalRandom.current().nextDouble()));
    }

    /** The delay after attempt {@code attempt} failed, for {@code unitRandom} in [0, 1). */
    static Duration delay(int attempt, double unitRandom) {
        Duration nominal = DELAYS.get(Math.max(0, attempt - 1));
        double spread = nominal.compareTo(ONLY_LONGER_FROM) >= 0 ? 1.0 + 0.2 * unitRandom : 0.8 + 0.4 * unitRandom;
        return Duration.ofMillis(Math.round(nominal.toMillis() * spread));
    }
}
