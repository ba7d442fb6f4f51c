package io.switchboard.call;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/**
 * Twilio's CallStatus, with the order a call moves through them: queued, initiated, ringing,
 * in-progress, then one final status. A callback may only move a call forward.
 */
public enum CallStatus implements WireValue {
    QUEUED("queued", 0),
    INITIATED("initiated", 1),
    RINGING("ringing", 2),
    IN_PROGRESS("in-progress", 3),
    COMPLETED("completed", 4),
    BUSY("busy", 4),
    FAILED("failed", 4),
    NO_ANSWER("no-answer", 4),
    CANCELED("canceled", 4);

    private final String wire;
    private final int stage;

    CallStatus(String wire, int stage) {
        this.wire = wire;
        this.stage = stage;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** 0 queued ... 3 in progress, 4 final. */
    public int stage() {
        return stage;
    }

    public boolean isFinal() {
        return stage == 4;
    }

    /** Whether a stored status (its wire value) is final. */
    static boolean isFinal(String wire) {
        return wire != null
                && WireValue.parse(CallStatus.class, wire)
                        .map(CallStatus::isFinal)
                        .orElse(false);
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<CallStatus> {
        public WireConverter() {
            super(CallStatus.class);
        }
    }
}
