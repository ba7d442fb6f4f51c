package io.switchboard.message;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.switchboard.tenant.TenantRules;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /v1/messages}: {@code from} defaults to the tenant's Twilio number. */
public record SendMessageRequest(
        @Schema(example = "+14155550177") @NotNull @Pattern(regexp = TenantRules.E164, message = "must be an E.164 number such as +14155550100") String to,
        @Schema(example = "Your demo is confirmed for Tuesday 10:00.") @NotBlank @Size(max = 1600) String body,
        @Pattern(regexp = TenantRules.E164, message = "must be an E.164 number such as +14155550100") String from) {
}
