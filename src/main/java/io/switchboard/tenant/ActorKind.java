package io.switchboard.tenant;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** Who made a change: a dashboard user, a tenant app's API key, an operator, a Twilio webhook, reconciliation with Twilio, or the service itself. */
public enum ActorKind implements WireValue {
    USER("user"),
    API_KEY("api_key"),
    OPERATOR("operator"),
    TWILIO("twilio"),
    SYSTEM("system"),
    /** Reconciliation: what Twilio's REST API showed that no webhook delivered. */
    RECONCILER("reconciler");

    private final String wire;

    ActorKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<ActorKind> {
        public WireConverter() {
            super(ActorKind.class);
        }
    }
}
