package io.switchboard.reconciliation;

import io.switchboard.call.Call;
import io.switchboard.call.CallDirection;
import io.switchboard.call.CallStatus;
import io.switchboard.call.TwilioCallUpdate;
import io.switchboard.common.WireValue;
import io.switchboard.message.Message;
import io.switchboard.message.MessageDirection;
import io.switchboard.message.MessageStatus;
import io.switchboard.message.TwilioMessageUpdate;
import io.switchboard.recording.Recording;
import io.switchboard.recording.RecordingStatus;
import io.switchboard.recording.TwilioRecordingUpdate;
import io.switchboard.twilio.TwilioRecords.CallRecord;
import io.switchboard.twilio.TwilioRecords.MessageRecord;
import io.switchboard.twilio.TwilioRecords.RecordingRecord;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Twilio's records, as its REST API lists them, in the shape the webhooks' upserts take, held to
 * the same limits the webhooks are: a record whose SID is malformed is skipped (it cannot be
 * Twilio's), a value Switchboard does not know (a status Twilio added since) is left out rather
 * than guessed, and text is cut to the columns' lengths.
 */
final class TwilioRecordMapping {

    private static final int MAX_NUMBER_LENGTH = 64;
    private static final int MAX_SMS_BODY = 1600;
    private static final int MAX_URL_LENGTH = 2048;
    private static final int MAX_ERROR_MESSAGE = 1000;
    private static final int MAX_SOURCE = 64;

    /** Statuses after which a message changes no more (Twilio may still report "read" later). */
    private static final Set<MessageStatus> FINAL_MESSAGE_STATUSES = EnumSet.of(
            MessageStatus.DELIVERED,
            MessageStatus.UNDELIVERED,
            MessageStatus.FAILED,
            MessageStatus.RECEIVED,
            MessageStatus.READ,
            MessageStatus.CANCELED);

    private static final Set<RecordingStatus> FINAL_RECORDING_STATUSES = EnumSet.of(
            RecordingStatus.COMPLETED, RecordingStatus.ABSENT, RecordingStatus.FAILED, RecordingStatus.DELETED);

    private TwilioRecordMapping() {}

    static Optional<TwilioCallUpdate> call(CallRecord record) {
        if (!valid(record.sid(), Call.SID_FORMAT)) {
            return Optional.empty();
        }
        CallStatus status = known(CallStatus.class, record.status());
        return Optional.of(new TwilioCallUpdate(
                record.sid(),
                number(record.from()),
                number(record.to()),
                known(CallDirection.class, record.direction()),
                status,
                null,
                nonNegative(record.duration()),
                record.startTime(),
                status != null && status.isFinal() ? record.endTime() : null));
    }

    /** A call Twilio does not show in a final status: its end is still to be read. */
    static boolean isOpen(CallRecord record) {
        CallStatus status = known(CallStatus.class, record.status());
        return status == null || !status.isFinal();
    }

    static Optional<TwilioRecordingUpdate> recording(RecordingRecord record) {
        if (!valid(record.sid(), Recording.SID_FORMAT)) {
            return Optional.empty();
        }
        String url = record.mediaUrl();
        boolean urlUsable = url != null
                && url.length() <= MAX_URL_LENGTH
                && (url.startsWith("https://") || url.startsWith("http://"));
        Integer channels = record.channels();
        return Optional.of(new TwilioRecordingUpdate(
                record.sid(),
                valid(record.callSid(), Call.SID_FORMAT) ? record.callSid() : null,
                urlUsable ? url : null,
                known(RecordingStatus.class, record.status()),
                nonNegative(record.duration()),
                channels != null && channels >= 1 && channels <= 2 ? channels : null,
                cut(record.source(), MAX_SOURCE)));
    }

    static boolean isOpen(RecordingRecord record) {
        RecordingStatus status = known(RecordingStatus.class, record.status());
        return status == null || !FINAL_RECORDING_STATUSES.contains(status);
    }

    static Optional<TwilioMessageUpdate> message(MessageRecord record) {
        if (!valid(record.sid(), Message.SID_FORMAT)) {
            return Optional.empty();
        }
        return Optional.of(new TwilioMessageUpdate(
                record.sid(),
                number(record.from()),
                number(record.to()),
                record.body() == null || record.body().length() > MAX_SMS_BODY ? null : record.body(),
                known(MessageStatus.class, record.status()),
                nonNegative(record.numSegments()),
                nonNegative(record.numMedia()),
                nonNegative(record.errorCode()),
                cut(record.errorMessage(), MAX_ERROR_MESSAGE)));
    }

    /** The direction Twilio gives, outbound-api when it gives none Switchboard knows. */
    static MessageDirection direction(MessageRecord record) {
        MessageDirection direction = known(MessageDirection.class, record.direction());
        return direction == null ? MessageDirection.OUTBOUND_API : direction;
    }

    static boolean isOpen(MessageRecord record) {
        MessageStatus status = known(MessageStatus.class, record.status());
        return status == null || !FINAL_MESSAGE_STATUSES.contains(status);
    }

    /** The earlier of two instants, either of which may be absent. */
    static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static boolean valid(String sid, java.util.regex.Pattern format) {
        return sid != null && format.matcher(sid).matches();
    }

    private static <E extends Enum<E> & WireValue> E known(Class<E> type, String value) {
        return value == null ? null : WireValue.parse(type, value).orElse(null);
    }

    private static String number(String value) {
        return value == null || value.length() > MAX_NUMBER_LENGTH ? null : value;
    }

    private static Integer nonNegative(Integer value) {
        return value == null || value < 0 ? null : value;
    }

    private static String cut(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
