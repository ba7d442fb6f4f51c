package io.switchboard.common;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Time-ordered UUIDs (version 7, RFC 9562): new rows land at the right-hand end of the
 * (tenant_id, id) indexes instead of at random pages, and ids still reveal nothing guessable.
 */
public final class Ids {

    private Ids() {}

    public static UUID newId() {
        SecureRandom random = Randomness.secure();
        long millis = System.currentTimeMillis();
        long high = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
