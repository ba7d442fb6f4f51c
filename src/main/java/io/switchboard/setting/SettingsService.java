package io.switchboard.setting;

import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
@Transactional
public class SettingsService {

    private final TenantContext tenantContext;

    SettingsService(TenantContext tenantContext) {
        this.tenantContext = tenantContext;
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
