package io.switchboard.tenant;

import io.switchboard.common.ApiException;
import io.switchboard.crypto.SecretCipher;
import io.switchboard.crypto.SecretField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;

/** Decrypts the current tenant's Twilio credentials; the only reader of the encrypted columns. */
@ApplicationScoped
public class TenantSecrets {

    private final TenantContext tenantContext;
    private final SecretCipher cipher;

    TenantSecrets(TenantContext tenantContext, SecretCipher cipher) {
        this.tenantContext = tenantContext;
        this.cipher = cipher;
    }

    @Transactional
    public TwilioCredentials twilioCredentials() {
        UUID id = tenantContext.requireTenantId();
        Tenant tenant = Tenant.findCurrent(id).orElseThrow(() -> new ApiException.NotFound("Tenant " + id));
        String apiKeySecret = tenant.twilioApiKeySecretEncrypted == null
                ? null
                : cipher.decrypt(tenant.twilioApiKeySecretEncrypted, SecretField.twilioApiKeySecret(id));
        return new TwilioCredentials(
                tenant.twilioAccountSid,
                cipher.decrypt(tenant.twilioAuthTokenEncrypted, SecretField.twilioAuthToken(id)),
                tenant.twilioApiKeySid,
                apiKeySecret,
                tenant.twilioPhoneNumber);
    }
}
