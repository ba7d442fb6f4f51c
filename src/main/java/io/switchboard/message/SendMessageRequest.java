package io.switchboard.message;

import io.switchboard.common.PhoneNumbers;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/messages}: {@code from} defaults to the tenant's Twilio number. */
public record SendMessageRequest(
        @Schema(example = "+14155550177")
                @NotNull
                @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE)
                String to,
        @Schema(example = "Your demo is confirmed for Tuesday 10:00.") @NotBlank @Size(max = 1600) String body,
        @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE) String from) {}
