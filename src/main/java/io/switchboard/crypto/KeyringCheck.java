package io.switchboard.crypto;

import io.quarkus.runtime.LaunchMode;
import io.switchboard.common.StartupCheck;
import io.switchboard.common.StartupRefusal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Production refuses the public dev key, whatever id it is given, and a keyring that does not
 * parse (the producer reports that, naming the variable).
 */
@ApplicationScoped
class KeyringCheck implements StartupCheck {

    private final Keyring keyring;

    KeyringCheck(Keyring keyring) {
        this.keyring = keyring;
    }

    @Override
    public Stage stage() {
        return Stage.CONFIGURATION;
    }

    @Override
    public void check() {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        keyring.idOfBytes(KeyringProducer.DEV_KEY_BYTES).ifPresent(id -> {
            throw new StartupRefusal(Keyring.VARIABLE + " contains the public dev key (as '" + id + "'): generate a"
                    + " real one for production with: echo \"k1:$(openssl rand -base64 32)\"");
        });
    }
}
