package io.switchboard.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyringTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32
    });

    @Test
    void firstKeyEncryptsAndAllDecrypt() {
        Keyring keyring = Keyring.parse("new:" + KEY_B + ", old:" + KEY_A);
        assertThat(keyring.activeKeyId()).isEqualTo("new");
        assertThat(keyring.key("old")).isPresent();
        assertThat(keyring.key("gone")).isEmpty();
    }

    @Test
    void missingValueNamesTheVariable() {
        assertThatThrownBy(() -> Keyring.parse(null)).hasMessageContaining("SWITCHBOARD_CRYPTO_KEYS is not set");
        assertThatThrownBy(() -> Keyring.parse("  ")).hasMessageContaining("SWITCHBOARD_CRYPTO_KEYS is not set");
    }

    @Test
    void malformedValuesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Keyring.parse(KEY_A)).hasMessageContaining("keyId:base64key");
        assertThatThrownBy(() -> Keyring.parse("k1:not base64!")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> Keyring.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageContaining("must be 32 bytes, not 16");
        assertThatThrownBy(() -> Keyring.parse("k:1:" + KEY_A)).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> Keyring.parse("bad id:" + KEY_A)).hasMessageContaining("key id 'bad id'");
        assertThatThrownBy(() -> Keyring.parse("k1:" + KEY_A + ",k1:" + KEY_B)).hasMessageContaining("appears twice");
    }
}
