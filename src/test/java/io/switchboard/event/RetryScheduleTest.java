package io.switchboard.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The promise to tenant apps: retries go on for at least 24 hours, whatever the random variations. */
class RetryScheduleTest {

    private static Duration allRetries(double unitRandom) {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < RetrySchedule.MAX_ATTEMPTS; attempt++) {
            total = total.plus(RetrySchedule.delay(attempt, unitRandom));
        }
        return total;
    }

    @Test
    void theRetriesLastAtLeastADayEvenWhenEveryVariationShortensThem() {
        assertThat(allRetries(0.0)).isGreaterThanOrEqualTo(Duration.ofHours(24));
    }

    @Test
    void theRetriesEndWithinADayAndAHalfEvenWhenEveryVariationLengthensThem() {
        assertThat(allRetries(0.999_999)).isLessThan(Duration.ofHours(36));
    }

    @Test
    void shortDelaysVaryBothWaysSoThatReturningEndpointsAreNotMetAllAtOnce() {
        assertThat(RetrySchedule.delay(1, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetrySchedule.delay(1, 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetrySchedule.delay(1, 0.999)).isGreaterThan(Duration.ofSeconds(5));
    }

    @Test
    void thereIsNoRetryAfterTheLastAttempt() {
        assertThat(RetrySchedule.next(RetrySchedule.MAX_ATTEMPTS, Instant.now()))
                .isNull();
        assertThat(RetrySchedule.next(RetrySchedule.MAX_ATTEMPTS - 1, Instant.now()))
                .isNotNull();
    }
}
