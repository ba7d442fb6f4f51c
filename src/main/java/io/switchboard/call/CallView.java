package io.switchboard.call;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.switchboard.recording.Recording;
import io.switchboard.recording.RecordingView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A call as the API shows it: Twilio's half and the sales log's half, either of which may be
 * empty. {@code duration} is in seconds. {@code recordings} is filled on the single-call read.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CallView(
        UUID id,
        String sid,
        String from,
        String to,
        CallDirection direction,
        CallStatus status,
        Integer duration,
        Instant startedAt,
        Instant endedAt,
        UUID userId,
        String prospectName,
        String prospectEmail,
        String prospectPhone,
        CallType callType,
        MeetingStatus meetingStatus,
        Outcome outcome,
        UUID lossReasonId,
        String notes,
        Instant scheduledAt,
        Instant completedAt,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<RecordingView> recordings) {

    public static CallView of(Call call) {
        return of(call, null);
    }

    /** The single-call read's shape: the call with its recordings. */
    static CallView withRecordings(Call call) {
        return of(
                call,
                Recording.listForCall(call.tenantId, call.id).stream()
                        .map(RecordingView::of)
                        .toList());
    }

    public static CallView of(Call call, List<RecordingView> recordings) {
        return new CallView(
                call.id,
                call.sid,
                call.fromNumber,
                call.toNumber,
                call.direction,
                call.status,
                call.durationSeconds,
                call.startedAt,
                call.endedAt,
                call.userId,
                call.prospectName,
                call.prospectEmail,
                call.prospectPhone,
                call.callType,
                call.meetingStatus,
                call.outcome,
                call.lossReasonId,
                call.notes,
                call.scheduledAt,
                call.completedAt,
                call.createdAt,
                call.updatedAt,
                recordings);
    }
}
