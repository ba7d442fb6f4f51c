package io.switchboard.recording;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** Twilio's RecordingStatus. */
public enum RecordingStatus implements WireValue {
    IN_PROGRESS("in-progress"),
    COMPLETED("completed"),
    ABSENT("absent"),
    FAILED("failed"),
    DELETED("deleted");

    private final String wire;

    RecordingStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<RecordingStatus> {
        public WireConverter() {
            super(RecordingStatus.class);
        }
    }
}
