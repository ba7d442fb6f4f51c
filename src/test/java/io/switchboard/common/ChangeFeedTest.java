package io.switchboard.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The running service's own feed, on a database where nothing changes: a quiet connection is
 * checked with a query every {@link ChangeFeed#CHECK_EVERY}, and a check that passes must leave
 * the feed listening. (A check whose SQL PostgreSQL refused once dropped the feed at every quiet
 * interval, and with it every cache's long life.)
 */
@QuarkusTest
class ChangeFeedTest {

    @Inject
    ChangeFeed feed;

    @Test
    void staysLiveThroughQuietPeriodsLongerThanItsCheck() throws InterruptedException {
        long listening = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!feed.isLive() && System.nanoTime() < listening) {
            Thread.sleep(20);
        }
        assertThat(feed.isLive())
                .as("the feed listens once the service has started")
                .isTrue();

        // Two checks' worth of quiet; a dropped feed is down for at least its reconnect pause.
        long quietUntil = System.nanoTime() + CHECK_EVERY_TWICE.toNanos();
        while (System.nanoTime() < quietUntil) {
            assertThat(feed.isLive()).as("still listening after a quiet check").isTrue();
            Thread.sleep(20);
        }
    }

    private static final Duration CHECK_EVERY_TWICE =
            ChangeFeed.CHECK_EVERY.multipliedBy(2).plusSeconds(1);
}
