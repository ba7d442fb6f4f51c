package io.switchboard.call;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.switchboard.tenant.TenantRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code POST /v1/calls/dial}: {@code from} defaults to the tenant's Twilio number. */
public record DialRequest(
        @Schema(example = "+14155550177") @NotNull @Pattern(regexp = TenantRules.E164, message = "must be an E.164 number such as +14155550100") String to,
        @Schema(example = "+14155550100", description = "defaults to the tenant's Twilio number") @Pattern(regexp = TenantRules.E164, message = "must be an E.164 number such as +14155550100") String from) {
}
