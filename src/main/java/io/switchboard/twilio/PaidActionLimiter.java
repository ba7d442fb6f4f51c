package io.switchboard.twilio;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.ApiException;
import io.switchboard.common.Jdbc;
import io.switchboard.setting.Settings;
import io.switchboard.tenant.TenantContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Caps paid actions (calls placed, SMS sent) per tenant and calendar minute, at the tenant's
 * {@code paidActionsPerMinute} (OWASP API4: unrestricted resource consumption). The counter is a
 * row in PostgreSQL, incremented atomically only while under the cap, so every instance behind a
 * load balancer shares it. A slot is taken in its own committed transaction before Twilio is
 * called: an attempt counts even if Twilio then fails.
 */
@ApplicationScoped
public class PaidActionLimiter {

    private static final String TAKE_SLOT = "INSERT INTO paid_action_windows AS w (tenant_id, window_start, actions)"
            + " VALUES (?, ?, 1)"
            + " ON CONFLICT (tenant_id, window_start) DO UPDATE SET actions = w.actions + 1"
            + " WHERE w.actions < ?"
            + " RETURNING actions";

    private final EntityManager entityManager;
    private final TenantContext tenantContext;

    PaidActionLimiter(EntityManager entityManager, TenantContext tenantContext) {
        this.entityManager = entityManager;
        this.tenantContext = tenantContext;
    }

    /** Takes one slot of the current minute, or answers 429 with the seconds until the next one. */
    public void takeSlot() {
        UUID tenantId = tenantContext.requireTenantId();
        Instant now = Instant.now();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        boolean granted = QuarkusTransaction.requiringNew().call(() -> {
            int cap = Settings.findForTenant(tenantId)
                    .map(settings -> settings.paidActionsPerMinute)
                    .orElse(Settings.DEFAULT_PAID_ACTIONS_PER_MINUTE);
            boolean taken = Jdbc.first(entityManager, TAKE_SLOT, Integer.class, tenantId, window, cap)
                    .isPresent();
            Jdbc.update(
                    entityManager,
                    "DELETE FROM paid_action_windows WHERE tenant_id = ? AND window_start < ?",
                    tenantId,
                    window.minus(Duration.ofHours(1)));
            return taken;
        });
        if (!granted) {
            throw new ApiException.TooManyRequests(
                    "This tenant's limit of paid actions (calls and messages) per minute"
                            + " is reached; see paidActionsPerMinute in /v1/settings",
                    Duration.between(now, window.plusSeconds(60)));
        }
    }
}
