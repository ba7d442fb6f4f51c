package io.switchboard.user;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** A dashboard user's role: sales sees its own calls, admin manages the tenant, ceo reads everything. */
public enum Role implements WireValue {
    CEO("ceo"),
    ADMIN("admin"),
    SALES("sales");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<Role> {
        public WireConverter() {
            super(Role.class);
        }
    }
}
