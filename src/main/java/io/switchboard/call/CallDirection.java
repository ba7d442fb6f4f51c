package io.switchboard.call;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** Twilio's Direction of a call. */
public enum CallDirection implements WireValue {
    INBOUND("inbound"),
    OUTBOUND_API("outbound-api"),
    OUTBOUND_DIAL("outbound-dial"),
    TRUNKING_ORIGINATING("trunking-originating"),
    TRUNKING_TERMINATING("trunking-terminating");

    private final String wire;

    CallDirection(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<CallDirection> {
        public WireConverter() {
            super(CallDirection.class);
        }
    }
}
