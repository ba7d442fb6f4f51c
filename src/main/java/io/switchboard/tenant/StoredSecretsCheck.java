package io.switchboard.tenant;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.Jdbc;
import io.switchboard.common.StartupCheck;
import io.switchboard.common.StartupRefusal;
import io.switchboard.crypto.Keyring;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.crypto.SecretField;
import io.switchboard.crypto.UndecryptableSecretException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.Map;

/**
 * A start with keys that cannot decrypt what is stored is refused, instead of answering "ready"
 * and then failing every webhook. Every key leaves a canary (a known value encrypted under it) the
 * first time it is used; each start decrypts the canary of every configured key, and refuses when a
 * key id the stored secrets use is missing. Secrets stored before canaries existed are checked
 * once, by decrypting one of them, before the canary is written.
 */
@ApplicationScoped
class StoredSecretsCheck implements StartupCheck {

    private static final String CANARY = "switchboard keyring canary";
    private static final String FIX = " Set " + Keyring.VARIABLE + " to the keys the data was encrypted with"
            + " (new keys first, old ones after them); never reuse a key id for other bytes.";

    private final TenantDirectory directory;
    private final SecretCipher cipher;
    private final Keyring keyring;
    private final EntityManager entityManager;

    StoredSecretsCheck(TenantDirectory directory, SecretCipher cipher, Keyring keyring, EntityManager entityManager) {
        this.directory = directory;
        this.cipher = cipher;
        this.keyring = keyring;
        this.entityManager = entityManager;
    }

    @Override
    public Stage stage() {
        return Stage.STORED_DATA;
    }

    @Override
    public void check() {
        for (String keyId : directory.secretKeyIdsInUse()) {
            if (!keyring.contains(keyId)) {
                throw new StartupRefusal("Stored secrets are encrypted under key '" + keyId + "', which "
                        + Keyring.VARIABLE + " does not hold." + FIX);
            }
        }
        Map<String, String> canaries = canaries();
        for (String keyId : keyring.keyIds()) {
            String canary = canaries.get(keyId);
            if (canary == null) {
                checkOneStoredSecret(keyId);
                canary = writeCanary(keyId);
            }
            if (!opens(canary, keyId)) {
                throw new StartupRefusal("Key '" + keyId + "' of " + Keyring.VARIABLE + " is not the key that id stood"
                        + " for when secrets were stored: its canary does not decrypt." + FIX);
            }
        }
    }

    private void checkOneStoredSecret(String keyId) {
        directory.secretWithoutCanary(keyId).ifPresent(stored -> {
            try {
                cipher.decrypt(stored.ciphertext(), new SecretField(stored.tenantId(), "tenants", stored.column()));
            } catch (UndecryptableSecretException e) {
                throw new StartupRefusal("Key '" + keyId + "' of " + Keyring.VARIABLE + " does not decrypt the secrets"
                        + " stored under that id." + FIX);
            }
        });
    }

    private boolean opens(String canary, String keyId) {
        try {
            return CANARY.equals(cipher.decrypt(canary, SecretField.keyringCanary(keyId)));
        } catch (UndecryptableSecretException e) {
            return false;
        }
    }

    private Map<String, String> canaries() {
        Map<String, String> canaries = new HashMap<>();
        QuarkusTransaction.requiringNew()
                .call(() -> Jdbc.list(
                        entityManager,
                        "SELECT key_id, canary FROM keyring_canaries",
                        row -> canaries.put(row.getString(1), row.getString(2))));
        return canaries;
    }

    /** Writes this key's canary unless another instance just did; returns the one stored. */
    private String writeCanary(String keyId) {
        String canary = cipher.encryptUnder(keyId, CANARY, SecretField.keyringCanary(keyId));
        return QuarkusTransaction.requiringNew().call(() -> {
            Jdbc.update(
                    entityManager,
                    "INSERT INTO keyring_canaries (key_id, canary) VALUES (?, ?)" + " ON CONFLICT (key_id) DO NOTHING",
                    keyId,
                    canary);
            return Jdbc.first(
                            entityManager, "SELECT canary FROM keyring_canaries WHERE key_id = ?", String.class, keyId)
                    .orElseThrow();
        });
    }
}
