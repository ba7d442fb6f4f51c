package io.switchboard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String OLD_KEY = "old:" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW_KEY = "new:" + Base64.getEncoder().encodeToString(filled((byte) 7));

    private final UUID tenant = UUID.randomUUID();
    private final SecretCipher cipher = new SecretCipher(Keyring.parse(NEW_KEY + "," + OLD_KEY));

    @Test
    void roundTripsAndRecordsTheKeyId() {
        String stored = cipher.encrypt("auth-token-123", SecretField.twilioAuthToken(tenant));
        assertThat(stored).startsWith("sb1:new:").doesNotContain("auth-token-123");
        assertThat(cipher.decrypt(stored, SecretField.twilioAuthToken(tenant))).isEqualTo("auth-token-123");
    }

    @Test
    void everyEncryptionUsesAFreshNonce() {
        SecretField field = SecretField.twilioAuthToken(tenant);
        assertThat(cipher.encrypt("same", field)).isNotEqualTo(cipher.encrypt("same", field));
    }

    @Test
    void aValueCopiedToAnotherTenantOrColumnDoesNotDecrypt() {
        String stored = cipher.encrypt("secret", SecretField.twilioAuthToken(tenant));
        assertThatThrownBy(() -> cipher.decrypt(stored, SecretField.twilioAuthToken(UUID.randomUUID())))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("authentication failed");
        assertThatThrownBy(() -> cipher.decrypt(stored, SecretField.twilioApiKeySecret(tenant)))
                .isInstanceOf(UndecryptableSecretException.class);
    }

    @Test
    void aTamperedValueFailsLoudly() {
        String stored = cipher.encrypt("secret", SecretField.twilioAuthToken(tenant));
        char last = stored.charAt(stored.length() - 2);
        String tampered = stored.substring(0, stored.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + stored.charAt(stored.length() - 1);
        assertThatThrownBy(() -> cipher.decrypt(tampered, SecretField.twilioAuthToken(tenant)))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageNotContaining("secret\"");
        assertThatThrownBy(() -> cipher.decrypt("plain-text", SecretField.twilioAuthToken(tenant)))
                .isInstanceOf(UndecryptableSecretException.class)
                .hasMessageContaining("sb1 format");
    }

    @Test
    void valuesUnderAnOlderKeyStillDecryptAndUnknownKeysAreNamed() {
        SecretCipher before = new SecretCipher(Keyring.parse(OLD_KEY));
        String stored = before.encrypt("legacy", SecretField.twilioAuthToken(tenant));
        assertThat(cipher.decrypt(stored, SecretField.twilioAuthToken(tenant))).isEqualTo("legacy");
        assertThat(cipher.isUnderActiveKey(stored)).isFalse();
        SecretCipher withoutOld = new SecretCipher(Keyring.parse(NEW_KEY));
        assertThatThrownBy(() -> withoutOld.decrypt(stored, SecretField.twilioAuthToken(tenant)))
                .hasMessageContaining("key 'old' is not in SWITCHBOARD_CRYPTO_KEYS");
    }

    private static byte[] filled(byte value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, value);
        return bytes;
    }
}
