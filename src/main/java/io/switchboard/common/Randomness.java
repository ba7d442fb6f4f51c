package io.switchboard.common;

import java.security.SecureRandom;

/**
 * The application's one {@link SecureRandom}, created the first time it is asked for.
 *
 * <p>Not a {@code static final} field: Quarkus has a native image initialise application classes
 * while the image is built, so a generator made by a static initialiser would be frozen into the
 * executable with the state it had on the build machine, the same in every process started from
 * it. GraalVM refuses such an image. Made on first use, the generator is made at run time.
 * {@code BuildTimeInitialisationTest} keeps every class to this rule.
 */
public final class Randomness {

    private static volatile SecureRandom generator;

    private Randomness() {}

    public static SecureRandom secure() {
        SecureRandom current = generator;
        if (current == null) {
            synchronized (Randomness.class) {
                current = generator;
                if (current == null) {
                    current = new SecureRandom();
                    generator = current;
                }
            }
        }
        return current;
    }
}
