package io.switchboard.tenant;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

public enum TenantStatus implements WireValue {
    ACTIVE("active"),
    INACTIVE("inactive");

    private final String wire;

    TenantStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean isActive() {
        return this == ACTIVE;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<TenantStatus> {
        public WireConverter() {
            super(TenantStatus.class);
        }
    }
}
