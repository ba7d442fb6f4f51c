package io.switchboard.setting;

import java.time.Instant;
import java.util.Map;

/** A tenant's settings as the API shows and accepts them. */
public record SettingsView(
        boolean autoRecordCalls,
        String forwardTo,
        int paidActionsPerMinute,
        Map<String, Object> extra,
        Instant updatedAt) {

    static SettingsView of(Settings settings) {
        return new SettingsView(
                settings.autoRecordCalls,
                settings.forwardTo,
                settings.paidActionsPerMinute,
                settings.extra,
                settings.updatedAt);
    }
}
