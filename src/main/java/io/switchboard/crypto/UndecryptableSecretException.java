package io.switchboard.crypto;

/**
 * A stored secret that cannot be decrypted. Loud on purpose: an empty or default credential would
 * make Twilio calls fail in confusing ways, or hide tampering. The message names where the value
 * lives, never the value.
 */
public class UndecryptableSecretException extends RuntimeException {

    public UndecryptableSecretException(SecretField field, String reason) {
        super("Secret " + field.table() + "." + field.column() + " of tenant " + field.tenantId()
                + " cannot be decrypted: " + reason);
    }
}
