package io.switchboard.audit;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

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

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<AuditAction> {
        public WireConverter() {
            super(AuditAction.class);
        }
    }
}
