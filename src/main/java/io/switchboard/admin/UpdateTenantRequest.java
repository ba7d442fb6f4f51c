package io.switchboard.admin;

import io.switchboard.common.PhoneNumbers;
import io.switchboard.tenant.TenantRules;
import io.switchboard.tenant.TenantStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code PATCH /admin/v1/tenants/{id}}: a JSON merge patch. A field left out stays as it is; a
 * field sent as null is cleared where that is allowed (custom domain, API key pair, phone number).
 */
public record UpdateTenantRequest(
        @Size(min = 1, max = 200) String name,
        TenantStatus status,
        @Pattern(regexp = TenantRules.DOMAIN, message = "must be a lowercase domain name such as calls.example.com")
                @Size(max = 253)
                String customDomain,
        @Valid Twilio twilio,
        Map<String, Object> brandingConfig) {

    @Schema(name = "TenantTwilioPatch")
    public record Twilio(
            @Pattern(regexp = TenantRules.ACCOUNT_SID, message = "must be AC followed by 32 hex digits")
                    String accountSid,
            @Size(min = 1, max = 256) String authToken,
            @Pattern(regexp = TenantRules.API_KEY_SID, message = "must be SK followed by 32 hex digits")
                    String apiKeySid,
            @Size(min = 1, max = 256) String apiKeySecret,
            @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE) String phoneNumber) {}
}
