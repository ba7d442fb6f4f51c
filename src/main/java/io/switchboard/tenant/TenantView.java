package io.switchboard.tenant;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A tenant as operators see it: never a secret, only whether each one is set. */
public record TenantView(
        UUID id,
        String name,
        TenantStatus status,
        String customDomain,
        TwilioView twilio,
        boolean authTokenSet,
        Map<String, Object> brandingConfig,
        Instant createdAt,
        Instant updatedAt) {

    public record TwilioView(
            String accountSid, boolean authTokenSet, String apiKeySid, boolean apiKeySecretSet, String phoneNumber) {}

    public static TenantView of(Tenant tenant) {
        boolean authTokenSet = tenant.twilioAuthTokenEncrypted != null;
        return new TenantView(
                tenant.id,
                tenant.name,
                tenant.status,
                tenant.customDomain,
                new TwilioView(
                        tenant.twilioAccountSid,
                        authTokenSet,
                        tenant.twilioApiKeySid,
                        tenant.twilioApiKeySecretEncrypted != null,
                        tenant.twilioPhoneNumber),
                authTokenSet,
                tenant.brandingConfig,
                tenant.createdAt,
                tenant.updatedAt);
    }
}
