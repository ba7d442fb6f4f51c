package io.switchboard.admin;

import io.switchboard.common.PhoneNumbers;
import io.switchboard.tenant.TenantRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /admin/v1/tenants}. */
public record CreateTenantRequest(
        @Schema(example = "Acme Dental") @NotBlank @Size(max = 200) String name,
        @Schema(example = "calls.acme-dental.com")
                @Pattern(
                        regexp = TenantRules.DOMAIN,
                        message = "must be a lowercase domain name such as calls.example.com")
                @Size(max = 253)
                String customDomain,
        @NotNull @Valid Twilio twilio) {

    @Schema(name = "NewTenantTwilio")
    public record Twilio(
            @Schema(example = "AC0123456789abcdef0123456789abcdef")
                    @NotNull
                    @Pattern(regexp = TenantRules.ACCOUNT_SID, message = "must be AC followed by 32 hex digits")
                    String accountSid,
            @Schema(example = "your_auth_token", description = "stored encrypted, never returned")
                    @NotBlank
                    @Size(max = 256)
                    String authToken,
            @Pattern(regexp = TenantRules.API_KEY_SID, message = "must be SK followed by 32 hex digits")
                    String apiKeySid,
            @Size(min = 1, max = 256) String apiKeySecret,
            @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE) String phoneNumber) {}
}
