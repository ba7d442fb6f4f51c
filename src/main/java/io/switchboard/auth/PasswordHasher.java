package io.switchboard.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.common.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, parallelism 1) through
 * BouncyCastle, stored as a PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) so the
 * parameters can be raised later without breaking existing hashes.
 */
@ApplicationScoped
public class PasswordHasher {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    /** Bounds the hashes running at once; see {@link AuthConfig#concurrentPasswordHashes()}. */
    private final Semaphore turns;

    private final Duration queueTimeout;

    private final SecureRandom random = new SecureRandom();
    /** Verified against for unknown accounts, so a login takes as long whether or not the email exists. */
    private final String decoy;

    private final Counter hashes;
    private final Counter verifications;

    PasswordHasher(AuthConfig config, MeterRegistry metrics) {
        this.turns = new Semaphore(Math.max(1, config.concurrentPasswordHashes()), true);
        this.queueTimeout = config.passwordHashQueueTimeout();
        this.hashes = Counter.builder("switchboard.password.hashes")
                .tag("kind", "new")
                .description("Argon2id computations: new password hashes")
                .register(metrics);
        this.verifications = Counter.builder("switchboard.password.hashes")
                .tag("kind", "verify")
                .description("Argon2id computations: password checks, decoys included")
                .register(metrics);
        this.decoy = hashNow("decoy password that matches nothing");
    }

    public String hash(String password) {
        return inTurn(() -> {
            hashes.increment();
            return hashNow(password);
        });
    }

    public boolean verify(String password, String phc) {
        return inTurn(() -> verifyWithoutTurn(password, phc));
    }

    /** Spends the time of one verification without a stored hash. */
    public void verifyDecoy(String password) {
        verify(password, decoy);
    }

    /** Runs work that hashes once a turn is free (package-visible for the test of the bound). */
    <T> T inTurn(Supplier<T> work) {
        try {
            if (!turns.tryAcquire(queueTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiException.Unavailable("Too many logins at once; retry shortly", Duration.ofSeconds(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException.Unavailable(
                    "Interrupted while waiting to check the password", Duration.ofSeconds(2));
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    private String hashNow(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** For work already in its turn. */
    boolean verifyWithoutTurn(String password, String phc) {
        verifications.increment();
        return verifyNow(password, phc);
    }

    private static boolean verifyNow(String password, String phc) {
        String[] parts = phc == null ? new String[0] : phc.split("\\$");
        // ["", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash]
        if (parts.length != 6 || !"argon2id".equals(parts[1]) || !"v=19".equals(parts[2])) {
            return false;
        }
        int memory = 0;
        int iterations = 0;
        int parallelism = 0;
        for (String parameter : parts[3].split(",")) {
            String[] pair = parameter.split("=", 2);
            int value = Integer.parseInt(pair[1]);
            switch (pair[0]) {
                case "m" -> memory = value;
                case "t" -> iterations = value;
                case "p" -> parallelism = value;
                default -> {
                    return false;
                }
            }
        }
        byte[] salt = B64_DECODER.decode(parts[4]);
        byte[] expected = B64_DECODER.decode(parts[5]);
        byte[] actual = derive(password, salt, memory, iterations, parallelism, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(
            String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
