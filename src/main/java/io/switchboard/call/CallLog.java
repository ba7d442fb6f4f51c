package io.switchboard.call;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields a person logs about a call: {@code POST /v1/calls} (all optional) and
 * {@code PATCH /v1/calls/{id}} (a merge patch: fields sent replace, null clears).
 */
public record CallLog(
        @Size(max = 64) @Pattern(regexp = "^[+0-9A-Za-z:@._-]*$", message = "must be a phone number or address") String from,
        @Size(max = 64) @Pattern(regexp = "^[+0-9A-Za-z:@._-]*$", message = "must be a phone number or address") String to,
        UUID userId,
        @Size(max = 200) String prospectName,
        @Email @Size(max = 320) String prospectEmail,
        @Size(max = 64) String prospectPhone,
        CallType callType,
        MeetingStatus meetingStatus,
        Outcome outcome,
        UUID lossReasonId,
        @Size(max = 10_000) String notes,
        @Min(0) Integer duration,
        Instant scheduledAt,
        Instant completedAt) {
}
