package io.switchboard.message;

import java.time.Instant;
import java.util.UUID;

public record MessageView(
        UUID id,
        String sid,
        String from,
        String to,
        String body,
        MessageDirection direction,
        MessageStatus status,
        Integer numSegments,
        Integer numMedia,
        Integer errorCode,
        String errorMessage,
        Instant createdAt,
        Instant updatedAt) {

    static MessageView of(Message message) {
        return new MessageView(
                message.id,
                message.sid,
                message.fromNumber,
                message.toNumber,
                message.body,
                message.direction,
                message.status,
                message.numSegments,
                message.numMedia,
                message.errorCode,
                message.errorMessage,
                message.createdAt,
                message.updatedAt);
    }
}
