package io.switchboard.crypto;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Base64;
import org.jboss.logging.Logger;

/**
 * Builds the keyring once from {@code SWITCHBOARD_CRYPTO_KEYS}. Dev mode and tests, when it is not
 * set, use a fixed dev key, loudly; production refuses that key's bytes under any id
 * ({@link KeyringCheck}).
 */
@ApplicationScoped
class KeyringProducer {

    /** The key committed for dev and tests: public, so it protects nothing. */
    static final String DEV_KEY_ID = "dev-2026";

    static final byte[] DEV_KEY_BYTES = Base64.getDecoder().decode("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
    private static final Logger LOG = Logger.getLogger(KeyringProducer.class);

    @Produces
    @Singleton
    Keyring keyring(CryptoConfig config) {
        boolean devOrTest = LaunchMode.current() != LaunchMode.NORMAL;
        String value = config.keys()
                .filter(keys -> !keys.isBlank())
                .orElse(devOrTest ? DEV_KEY_ID + ":" + Base64.getEncoder().encodeToString(DEV_KEY_BYTES) : null);
        Keyring keyring = Keyring.parse(value);
        if (devOrTest && keyring.idOfBytes(DEV_KEY_BYTES).isPresent()) {
            LOG.warn("*** Using the fixed, PUBLIC dev encryption key '" + DEV_KEY_ID + "'. Secrets stored now are"
                    + " not protected. Production requires " + Keyring.VARIABLE + ". ***");
        }
        return keyring;
    }
}
