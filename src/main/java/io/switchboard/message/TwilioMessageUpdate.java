package io.switchboard.message;

/** What an inbound-SMS or message-status webhook says; absent fields are null. */
public record TwilioMessageUpdate(
        String sid,
        String from,
        String to,
        String body,
        MessageStatus status,
        Integer numSegments,
        Integer numMedia,
        Integer errorCode,
        String errorMessage) {}
