package io.switchboard.audit;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;

/** The kind of change an audit row records. */
public enum AuditAction implements WireValue {
    INSERT("insert"),
    UPDATE("update"),
    DELETE("delete");

    private final String wire;

    AuditAction(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireValueConverter<AuditAction> {
        public Converter() {
            super(AuditAction.class);
        }
    }
}
