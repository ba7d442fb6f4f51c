package io.switchboard.audit;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;

/** Who made a change: a dashboard user, a tenant app's API key, an operator, a Twilio webhook, or the service itself. */
public enum ActorKind implements WireValue {
    USER("user"),
    API_KEY("api_key"),
    OPERATOR("operator"),
    TWILIO("twilio"),
    SYSTEM("system");

    private final String wire;

    ActorKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireValueConverter<ActorKind> {
        public Converter() {
            super(ActorKind.class);
        }
    }
}
