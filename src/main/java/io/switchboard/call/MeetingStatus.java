package io.switchboard.call;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** Whether the prospect's meeting took place. */
public enum MeetingStatus implements WireValue {
    COMPLETED("completed"),
    NO_SHOW("no-show"),
    RESCHEDULED("rescheduled");

    private final String wire;

    MeetingStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<MeetingStatus> {
        public WireConverter() {
            super(MeetingStatus.class);
        }
    }
}
