package io.switchboard.call;

import io.switchboard.common.PhoneNumbers;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /v1/calls/dial}: {@code from} defaults to the tenant's Twilio number. */
public record DialRequest(
        @Schema(example = "+14155550177")
                @NotNull
                @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE)
                String to,
        @Schema(example = "+14155550100", description = "defaults to the tenant's Twilio number")
                @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE)
                String from) {}
