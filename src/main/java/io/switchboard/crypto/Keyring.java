package io.switchboard.crypto;

import io.switchboard.common.StartupRefusal;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The AES-256 keys from {@code SWITCHBOARD_CRYPTO_KEYS}: the first encrypts, every one decrypts. */
public final class Keyring {

    public static final String VARIABLE = "SWITCHBOARD_CRYPTO_KEYS";
    /** Key ids end up inside every ciphertext ("sb1:<id>:..."), so they are kept to a safe alphabet. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private static final int KEY_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, byte[]> keys;

    private Keyring(String activeKeyId, Map<String, byte[]> keys) {
        this.activeKeyId = activeKeyId;
        this.keys = Collections.unmodifiableMap(keys);
    }

    /** Parses the variable's value, failing with a message that names the variable and the problem. */
    public static Keyring parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidKeyringException(VARIABLE + " is not set: give it keyId:base64(32 random bytes),"
                    + " e.g. k1:$(openssl rand -base64 32)");
        }
        Map<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String trimmed = entry.trim();
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new InvalidKeyringException(VARIABLE + " entries must look like keyId:base64key");
            }
            String id = trimmed.substring(0, colon);
            if (!KEY_ID.matcher(id).matches()) {
                throw new InvalidKeyringException(VARIABLE + ": key id '" + id + "' must be 1-32 of A-Z a-z 0-9 _ -");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(trimmed.substring(colon + 1).trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyringException(VARIABLE + ": key '" + id + "' is not valid base64");
            }
            if (key.length != KEY_BYTES) {
                throw new InvalidKeyringException(VARIABLE + ": key '" + id + "' must be 32 bytes, not " + key.length);
            }
            if (keys.putIfAbsent(id, key) != null) {
                throw new InvalidKeyringException(VARIABLE + ": key id '" + id + "' appears twice");
            }
        }
        return new Keyring(keys.keySet().iterator().next(), keys);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    Optional<byte[]> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public boolean contains(String keyId) {
        return keys.containsKey(keyId);
    }

    /** Every key id, the active one first. */
    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** The id of a key whose bytes equal {@code bytes}, whatever it is called here. */
    Optional<String> idOfBytes(byte[] bytes) {
        return keys.entrySet().stream()
                .filter(entry -> MessageDigest.isEqual(entry.getValue(), bytes))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Raised at start when the variable is missing or malformed: one line, no stack trace. */
    public static final class InvalidKeyringException extends StartupRefusal {
        InvalidKeyringException(String message) {
            super(message);
        }
    }
}
