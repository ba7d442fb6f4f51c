package io.switchboard.message;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** Twilio's Direction of a message. */
public enum MessageDirection implements WireValue {
    INBOUND("inbound"),
    OUTBOUND_API("outbound-api"),
    OUTBOUND_CALL("outbound-call"),
    OUTBOUND_REPLY("outbound-reply");

    private final String wire;

    MessageDirection(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<MessageDirection> {
        public WireConverter() {
            super(MessageDirection.class);
        }
    }
}
