package io.switchboard.webhook;

import io.switchboard.call.Call;
import io.switchboard.call.CallDirection;
import io.switchboard.call.CallStatus;
import io.switchboard.call.TwilioCallUpdate;
import io.switchboard.common.ApiException;
import io.switchboard.common.WireValue;
import io.switchboard.message.Message;
import io.switchboard.message.MessageStatus;
import io.switchboard.message.TwilioMessageUpdate;
import io.switchboard.recording.Recording;
import io.switchboard.recording.RecordingStatus;
import io.switchboard.recording.TwilioRecordingUpdate;
import io.switchboard.twilio.Callbacks;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads Twilio's parameters into typed updates. A value the schema would refuse (a malformed
 * SID, an unknown status, a negative duration) is a 400 naming the parameter, not a database error.
 */
final class WebhookParameters {

    private static final int MAX_NUMBER_LENGTH = 64;
    private static final int MAX_SMS_BODY = 1600;

    private WebhookParameters() {}

    static TwilioCallUpdate call(FormBody form) {
        CallStatus status = optionalEnum(form, "CallStatus", CallStatus.class);
        Instant timestamp = timestamp(form.get("Timestamp"));
        return new TwilioCallUpdate(
                required(form, "CallSid", Call.SID_FORMAT),
                number(form, "From"),
                number(form, "To"),
                optionalEnum(form, "Direction", CallDirection.class),
                status,
                nonNegative(form, "SequenceNumber"),
                nonNegative(form, "CallDuration"),
                status == CallStatus.IN_PROGRESS ? timestamp : null,
                status != null && status.isFinal() ? timestamp : null);
    }

    /**
     * Whether a request to the voice URL is the action of the voicemail's {@code <Record>}: Twilio
     * sends the recording's fields with it, which a new call never carries.
     */
    static boolean endsVoicemail(FormBody form) {
        return form.get("RecordingSid") != null || form.get("RecordingUrl") != null;
    }

    static TwilioRecordingUpdate recording(FormBody form) {
        String url = form.get("RecordingUrl");
        if (url != null && (url.length() > 2048 || !url.startsWith("https://") && !url.startsWith("http://"))) {
            throw new ApiException.Invalid("RecordingUrl", "must be an http(s) URL of at most 2048 characters");
        }
        Integer channels = nonNegative(form, "RecordingChannels");
        if (channels != null && (channels < 1 || channels > 2)) {
            throw new ApiException.Invalid("RecordingChannels", "must be 1 or 2");
        }
        String source = form.get("RecordingSource");
        return new TwilioRecordingUpdate(
                required(form, "RecordingSid", Recording.SID_FORMAT),
                optional(form, "CallSid", Call.SID_FORMAT),
                url,
                optionalEnum(form, "RecordingStatus", RecordingStatus.class),
                nonNegative(form, "RecordingDuration"),
                channels,
                source == null ? null : source.substring(0, Math.min(source.length(), 64)));
    }

    static TwilioMessageUpdate inboundMessage(FormBody form) {
        String body = form.get("Body");
        if (body != null && body.length() > MAX_SMS_BODY) {
            throw new ApiException.Invalid("Body", "is longer than an SMS can be");
        }
        String sid = form.get("MessageSid") != null ? form.get("MessageSid") : form.get("SmsSid");
        return new TwilioMessageUpdate(
                checked("MessageSid", sid, Message.SID_FORMAT),
                number(form, "From"),
                number(form, "To"),
                body,
                optionalEnum(form, "SmsStatus", MessageStatus.class),
                nonNegative(form, "NumSegments"),
                nonNegative(form, "NumMedia"),
                null,
                null);
    }

    static TwilioMessageUpdate messageStatus(FormBody form) {
        MessageStatus status = optionalEnum(form, "MessageStatus", MessageStatus.class);
        if (status == null) {
            status = optionalEnum(form, "SmsStatus", MessageStatus.class);
        }
        if (status == null) {
            throw new ApiException.Invalid("MessageStatus", "is required");
        }
        String sid = form.get("MessageSid") != null ? form.get("MessageSid") : form.get("SmsSid");
        String errorMessage = form.get("ErrorMessage");
        return new TwilioMessageUpdate(
                checked("MessageSid", sid, Message.SID_FORMAT),
                number(form, "From"),
                number(form, "To"),
                null,
                status,
                null,
                null,
                nonNegative(form, "ErrorCode"),
                errorMessage == null ? null : errorMessage.substring(0, Math.min(errorMessage.length(), 1000)));
    }

    /** The Idempotency-Key claim a status callback URL was tagged with (see Callbacks.CLAIM), if any. */
    static Optional<UUID> claim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            throw new ApiException.Invalid(Callbacks.CLAIM, "is not an id Switchboard gave Twilio");
        }
    }

    private static String required(FormBody form, String name, Pattern format) {
        return checked(name, form.get(name), format);
    }

    private static String checked(String name, String value, Pattern format) {
        if (value == null || !format.matcher(value).matches()) {
            throw new ApiException.Invalid(name, "is missing or not a Twilio SID");
        }
        return value;
    }

    private static String optional(FormBody form, String name, Pattern format) {
        String value = form.get(name);
        return value == null ? null : checked(name, value, format);
    }

    private static String number(FormBody form, String name) {
        String value = form.get(name);
        if (value != null && value.length() > MAX_NUMBER_LENGTH) {
            throw new ApiException.Invalid(name, "is too long");
        }
        return value;
    }

    private static <E extends Enum<E> & WireValue> E optionalEnum(FormBody form, String name, Class<E> type) {
        String value = form.get(name);
        if (value == null) {
            return null;
        }
        return WireValue.parse(type, value)
                .orElseThrow(() ->
                        new ApiException.Invalid(name, "'" + value + "' is not one of " + WireValue.allowed(type)));
    }

    private static Integer nonNegative(FormBody form, String name) {
        String value = form.get(name);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ApiException.Invalid(name, "must be a whole number of at least 0");
        }
    }

    /** Twilio's Timestamp is RFC 1123 ("Tue, 10 Nov 2026 18:21:10 +0000"); an unreadable one is ignored. */
    private static Instant timestamp(String value) {
        if (value == null) {
            return Instant.now();
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
