package io.switchboard.tenant;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;

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

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireValueConverter<TenantStatus> {
        public Converter() {
            super(TenantStatus.class);
        }
    }
}
