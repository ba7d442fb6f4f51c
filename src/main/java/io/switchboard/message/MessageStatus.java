package io.switchboard.message;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** Twilio's MessageStatus. */
public enum MessageStatus implements WireValue {
    ACCEPTED("accepted"),
    SCHEDULED("scheduled"),
    CANCELED("canceled"),
    QUEUED("queued"),
    SENDING("sending"),
    SENT("sent"),
    FAILED("failed"),
    DELIVERED("delivered"),
    UNDELIVERED("undelivered"),
    RECEIVING("receiving"),
    RECEIVED("received"),
    READ("read"),
    PARTIALLY_DELIVERED("partially_delivered");

    private final String wire;

    MessageStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<MessageStatus> {
        public WireConverter() {
            super(MessageStatus.class);
        }
    }
}
