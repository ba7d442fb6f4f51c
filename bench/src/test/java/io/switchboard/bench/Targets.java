package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What bench/run.sh prepared: the service URL and the tenants (account SID, auth token, API key). */
final class Targets {

    record Tenant(String accountSid, String authToken, String apiKey) {
    }

    static final String BASE_URL = System.getProperty("bench.baseUrl", "http://localhost:8080");

    private Targets() {
    }

    static List<Tenant> tenants() {
        try {
            return Files.readAllLines(Path.of(System.getProperty("bench.tenants", "target/tenants.csv"))).stream()
                    .filter(line -> !line.isBlank())
                    .map(line -> line.split(","))
                    .map(fields -> new Tenant(fields[0], fields[1], fields[2]))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("bench/run.sh writes the tenants file first", e);
        }
    }

    /** The request names of a warm-up phase; only the phase after it is reported. */
    static final String WARM_UP = "warm-up ";

    /**
     * Seconds of load before the measured phase, in the same Gatling JVM: the load generator's
     * own JIT and the service's are warm when measuring starts (a cold Gatling alone added ~80 ms
     * to the p99 of a 30 s run).
     */
    static Duration warmUp() {
        return Duration.ofSeconds(intProperty("bench.warmupSeconds", 10));
    }

    static Duration measured() {
        return Duration.ofSeconds(intProperty("bench.seconds", 30));
    }

    static int intProperty(String name, int fallback) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(fallback)));
    }
}
