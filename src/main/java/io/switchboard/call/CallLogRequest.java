package io.switchboard.call;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fields a person logs about a call: {@code POST /v1/calls} (all optional) and
 * {@code PATCH /v1/calls/{id}} (a merge patch: fields sent replace, null clears).
 */
public record CallLogRequest(
        @Schema(example = "+14155550111", description = "Twilio's; read-only once the call has a sid")
                @Size(max = 64)
                @Pattern(regexp = "^[+0-9A-Za-z:@._-]*$", message = "must be a phone number or address")
                String from,
        @Schema(example = "+18005550100", description = "Twilio's; read-only once the call has a sid")
                @Size(max = 64)
                @Pattern(regexp = "^[+0-9A-Za-z:@._-]*$", message = "must be a phone number or address")
                String to,
        UUID userId,
        @Schema(example = "Ada Lovelace") @Size(max = 200) String prospectName,
        @Schema(example = "ada@example.com") @Email @Size(max = 320) String prospectEmail,
        @Schema(example = "+14155550123") @Size(max = 64) String prospectPhone,
        CallType callType,
        MeetingStatus meetingStatus,
        @Schema(example = "lost", description = "lost needs lossReasonId") Outcome outcome,
        UUID lossReasonId,
        @Schema(example = "Price too high for this quarter; follow up in March.") @Size(max = 10_000) String notes,
        @Schema(example = "312", description = "seconds; Twilio's, read-only once the call has a sid") @Min(0)
                Integer duration,
        @Schema(example = "2026-11-24T10:00:00Z") Instant scheduledAt,
        Instant completedAt) {}
