package io.switchboard.setting;

import io.switchboard.common.TenantDataChanged;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class SettingsService {

    private final TenantContext tenantContext;
    private final Event<TenantDataChanged> changes;

    SettingsService(TenantContext tenantContext, Event<TenantDataChanged> changes) {
        this.tenantContext = tenantContext;
        this.changes = changes;
    }

    public SettingsView get() {
        return SettingsView.of(current());
    }

    public SettingsView replace(UpdateSettingsRequest request) {
        Settings settings = current();
        settings.autoRecordCalls = request.autoRecordCalls();
        settings.forwardTo = request.forwardTo();
        settings.paidActionsPerMinute = request.paidActionsPerMinute() == null
                ? Settings.DEFAULT_PAID_ACTIONS_PER_MINUTE
                : request.paidActionsPerMinute();
        settings.extra = request.extra() == null ? Map.of() : request.extra();
        settings.persistAndFlush();
        // Forwarding and recording are part of the voice answer every instance caches.
        changes.fire(new TenantDataChanged("settings", settings.tenantId));
        return SettingsView.of(settings);
    }

    /** Every tenant gets its settings row at creation; a missing one (older data) is created on first use. */
    private Settings current() {
        UUID tenantId = tenantContext.requireTenantId();
        return Settings.findForTenant(tenantId).orElseGet(() -> {
            Settings created = Settings.defaultsFor(tenantId);
            created.persist();
            return created;
        });
    }
}
