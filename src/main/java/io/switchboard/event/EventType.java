package io.switchboard.event;

import io.switchboard.common.WireValue;

/** What happened, as tenant apps subscribe to it; the wire values are the contract's event types. */
public enum EventType implements WireValue {
    CALL_CREATED("call.created"),
    CALL_STATUS_CHANGED("call.status_changed"),
    CALL_COMPLETED("call.completed"),
    CALL_LOGGED("call.logged"),
    RECORDING_COMPLETED("recording.completed"),
    MESSAGE_RECEIVED("message.received"),
    MESSAGE_STATUS_CHANGED("message.status_changed");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }
}
