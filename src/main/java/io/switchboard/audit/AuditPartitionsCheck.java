package io.switchboard.audit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.switchboard.common.Jdbc;
import io.switchboard.common.StartupCheck;
import io.switchboard.common.StartupRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

/**
 * The audit trail is partitioned by month, and only the owner login creates months (every start
 * that migrates keeps 12 ahead). A start without this month's and next month's partition is
 * refused (every audited write would fail at the turn of the month); fewer than three months
 * ahead is said loudly.
 */
@ApplicationScoped
class AuditPartitionsCheck implements StartupCheck {

    private static final Logger LOG = Logger.getLogger(AuditPartitionsCheck.class);
    private static final String FIX = " Start once with the owner login configured (QUARKUS_FLYWAY_USERNAME and"
            + " _PASSWORD): its migration step creates the next 12 months (docs/DATABASE.md).";

    private final EntityManager entityManager;

    AuditPartitionsCheck(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Stage stage() {
        return Stage.STORED_DATA;
    }

    @Override
    public void check() {
        int months = QuarkusTransaction.requiringNew()
                .call(() -> Jdbc.first(entityManager, "SELECT audit_partitions_months_ready()", Integer.class)
                        .orElse(0));
        if (months < 2) {
            throw new StartupRefusal("The audit trail has no partition for "
                    + (months == 0 ? "this month" : "next month") + "; audited writes would fail." + FIX);
        }
        if (months < 3) {
            LOG.warnf("The audit trail has partitions for only %d months from now on.%s", months, FIX);
        }
    }
}
