package io.switchboard.setting;

import io.switchboard.common.PhoneNumbers;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code PUT /v1/settings}: the whole settings document; omitted optional fields take their defaults. */
public record UpdateSettingsRequest(
        @Schema(example = "true") @NotNull Boolean autoRecordCalls,
        @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE) String forwardTo,
        @Min(1) @Max(10_000) Integer paidActionsPerMinute,
        Map<String, Object> extra) {}
