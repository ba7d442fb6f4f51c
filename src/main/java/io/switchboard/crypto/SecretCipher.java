package io.switchboard.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-256-GCM for secrets at rest, through BouncyCastle's lightweight API (no JCA lookup, so
 * nothing to register for reflection in a native image).
 *
 * <p>Stored form: {@code sb1:<key id>:<base64url(nonce 12 | ciphertext | tag 16)>}. Every value
 * gets a fresh random 96-bit nonce; the tenant, table and column are authenticated as associated
 * data. A value that does not decrypt raises {@link UndecryptableSecretException}; it is never
 * turned into an empty string.
 */
@ApplicationScoped
public class SecretCipher {

    private static final String VERSION = "sb1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final Keyring keyring;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public SecretCipher(Keyring keyring) {
        this.keyring = keyring;
    }

    public String encrypt(String plaintext, SecretField field) {
        return encryptUnder(keyring.activeKeyId(), plaintext, field);
    }

    /** Encrypts under a given key of the keyring, not necessarily the active one (for canaries). */
    public String encryptUnder(String keyId, String plaintext, SecretField field) {
        byte[] key = keyring.key(keyId).orElseThrow(() -> new IllegalArgumentException("No key '" + keyId + "'"));
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(true, key, nonce, field, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] payload = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, payload, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, payload, NONCE_BYTES, sealed.length);
        return VERSION + ":" + keyId + ":" + ENCODER.encodeToString(payload);
    }

    public String decrypt(String stored, SecretField field) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new UndecryptableSecretException(field, "not in the sb1 format");
        }
        byte[] key = keyring.key(parts[1])
                .orElseThrow(() -> new UndecryptableSecretException(
                        field, "key '" + parts[1] + "' is not in " + Keyring.VARIABLE));
        byte[] payload;
        try {
            payload = DECODER.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UndecryptableSecretException(field, "payload is not base64url");
        }
        if (payload.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UndecryptableSecretException(field, "payload is too short");
        }
        byte[] nonce = Arrays.copyOf(payload, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(payload, NONCE_BYTES, payload.length);
        return new String(run(false, key, nonce, field, sealed), StandardCharsets.UTF_8);
    }

    /** The key id a stored value was encrypted under, or null when it is not in the sb1 format. */
    public static String keyIdOf(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split(":", 3);
        return parts.length == 3 && VERSION.equals(parts[0]) ? parts[1] : null;
    }

    public boolean isUnderActiveKey(String stored) {
        return keyring.activeKeyId().equals(keyIdOf(stored));
    }

    private static byte[] run(boolean encrypt, byte[] key, byte[] nonce, SecretField field, byte[] input) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, field.associatedData()));
        byte[] output = new byte[gcm.getOutputSize(input.length)];
        int length = gcm.processBytes(input, 0, input.length, output, 0);
        try {
            length += gcm.doFinal(output, length);
        } catch (InvalidCipherTextException e) {
            // Wrong key, tampered bytes, or a value copied from another tenant, table or column.
            throw new UndecryptableSecretException(field, "authentication failed");
        }
        return length == output.length ? output : Arrays.copyOf(output, length);
    }
}
