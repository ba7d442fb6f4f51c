package io.switchboard.crypto;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Builds the keyring once from configuration; a bad value stops the application from starting. */
@ApplicationScoped
class KeyringProducer {

    /** The key committed for dev and tests; refused outside them. */
    static final String DEV_KEY_ID = "dev-2026";
    private static final Logger LOG = Logger.getLogger(KeyringProducer.class);

    @Produces
    @Singleton
    Keyring keyring(CryptoConfig config) {
        Keyring keyring = Keyring.parse(config.keys().orElse(null));
        boolean devKey = keyring.contains(DEV_KEY_ID);
        if (devKey && LaunchMode.current() == LaunchMode.NORMAL) {
            throw new Keyring.InvalidKeyringException(Keyring.VARIABLE + " contains the public dev key '"
                    + DEV_KEY_ID + "': generate a real one for production");
        }
        if (devKey) {
            LOG.warn("*** Using the fixed, PUBLIC dev encryption key '" + DEV_KEY_ID + "'. Secrets stored now are"
                    + " not protected. Production requires " + Keyring.VARIABLE + ". ***");
        }
        return keyring;
    }
}
