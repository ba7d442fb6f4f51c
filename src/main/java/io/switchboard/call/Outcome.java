package io.switchboard.call;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** The sales result of a call; lost needs a loss reason. */
public enum Outcome implements WireValue {
    WON("won"),
    LOST("lost"),
    TBD("tbd");

    private final String wire;

    Outcome(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<Outcome> {
        public WireConverter() {
            super(Outcome.class);
        }
    }
}
