package io.switchboard.call;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** The sales log's kind of call, set by a rep. */
public enum CallType implements WireValue {
    INBOUND("inbound"),
    OUTBOUND("outbound");

    private final String wire;

    CallType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<CallType> {
        public WireConverter() {
            super(CallType.class);
        }
    }
}
