package io.switchboard.auth;

import io.switchboard.common.Hashing;
import io.switchboard.common.Randomness;
import java.util.Base64;

/**
 * Tenant API keys: {@code sb_live_} followed by 256 random bits in base64url. The fixed prefix
 * makes leaked keys easy to find with secret scanners; only the SHA-256 of the whole key is
 * stored, which is safe because the key has full entropy (no salt or slow hash is needed).
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "sb_live_";
    /** How much of a key lists show: the prefix and 8 characters of the random part. */
    static final int DISPLAY_LENGTH = PREFIX.length() + 8;

    private static final int RANDOM_BYTES = 32;
    private static final int ENCODED_LENGTH = PREFIX.length() + 43;

    private ApiKeyFormat() {}

    public static String newKey() {
        byte[] secret = new byte[RANDOM_BYTES];
        Randomness.secure().nextBytes(secret);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Cheap shape check before any hashing or database work. */
    public static boolean looksLikeKey(String candidate) {
        if (candidate == null || candidate.length() != ENCODED_LENGTH || !candidate.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    public static String displayPrefix(String key) {
        return key.substring(0, DISPLAY_LENGTH);
    }

    public static byte[] hash(String key) {
        return Hashing.sha256(key);
    }
}
