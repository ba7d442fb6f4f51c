package io.switchboard.setting;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.switchboard.tenant.TenantRules;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.Map;

/** {@code PUT /v1/settings}: the whole settings document; omitted optional fields take their defaults. */
public record UpdateSettingsRequest(
        @Schema(example = "true") @NotNull Boolean autoRecordCalls,
        @Pattern(regexp = TenantRules.E164, message = "must be an E.164 number such as +14155550100") String forwardTo,
        @Min(1) @Max(10_000) Integer paidActionsPerMinute,
        Map<String, Object> extra) {
}
