package io.switchboard.crypto;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where an encrypted value lives: its tenant, table and column. It is bound into the ciphertext
 * as associated data, so a value copied to another row or column does not decrypt.
 */
public record SecretField(UUID tenantId, String table, String column) {

    public static SecretField twilioAuthToken(UUID tenantId) {
        return new SecretField(tenantId, "tenants", "twilio_auth_token_enc");
    }

    public static SecretField twilioApiKeySecret(UUID tenantId) {
        return new SecretField(tenantId, "tenants", "twilio_api_key_secret_enc");
    }

    /**
     * A webhook endpoint's signing secret (column secret_enc or previous_secret_enc), bound to its
     * endpoint as well: one endpoint's secret copied onto another's row does not decrypt.
     */
    public static SecretField webhookSigningSecret(UUID tenantId, UUID endpointId, String column) {
        return new SecretField(tenantId, "webhook_endpoints/" + endpointId, column);
    }

    /** A key's canary: bound to the key id, so one key's canary never passes for another's. */
    public static SecretField keyringCanary(String keyId) {
        return new SecretField(new UUID(0L, 0L), "keyring_canaries", keyId);
    }

    byte[] associatedData() {
        return ("switchboard/sb1|" + tenantId + "|" + table + "|" + column).getBytes(StandardCharsets.UTF_8);
    }
}
