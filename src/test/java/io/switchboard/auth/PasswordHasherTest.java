package io.switchboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(config(2), new SimpleMeterRegistry());
    private final String hash = hasher.hash("correct horse battery");

    @Test
    void hashesAreArgon2idPhcStringsWithOwaspParameters() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hash).isNotEqualTo(hasher.hash("correct horse battery"));
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(hasher.verify("correct horse battery", "$2a$10$notargon")).isFalse();
        assertThat(hasher.verify("correct horse battery", null)).isFalse();
    }

    @Test
    void neverRunsMoreHashesAtOnceThanConfigured() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Boolean>> turns = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                turns.add(pool.submit(() -> hasher.inTurn(() -> {
                    mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                    boolean verified = hasher.verifyWithoutTurn("wrong password", hash);
                    running.decrementAndGet();
                    return verified;
                })));
            }
            for (Future<Boolean> turn : turns) {
                assertThat(turn.get()).isFalse();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(mostAtOnce.get()).isEqualTo(2);
    }

    static AuthConfig config(int concurrentHashes) {
        return new AuthConfig() {
            @Override
            public Duration apiKeyUsageResolution() {
                return Duration.ofMinutes(1);
            }

            @Override
            public int concurrentPasswordHashes() {
                return concurrentHashes;
            }

            @Override
            public Duration passwordHashQueueTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }
}
