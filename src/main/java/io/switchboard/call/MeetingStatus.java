package io.switchboard.call;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;

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

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireValueConverter<MeetingStatus> {
        public Converter() {
            super(MeetingStatus.class);
        }
    }
}
