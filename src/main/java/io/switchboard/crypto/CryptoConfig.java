package io.switchboard.crypto;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Encryption-at-rest settings; {@code SWITCHBOARD_CRYPTO_KEYS} in the environment. */
@ConfigMapping(prefix = "switchboard.crypto")
public interface CryptoConfig {

    /**
     * Comma-separated {@code keyId:base64(32 bytes)}; the first encrypts, all decrypt. Optional here
     * so that a missing value is reported by {@link Keyring} with the variable's name, not a
     * generic config error.
     */
    Optional<String> keys();
}
