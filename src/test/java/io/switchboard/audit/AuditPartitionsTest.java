package io.switchboard.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.common.StartupRefusal;
import io.switchboard.testing.Database;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's monthly partitions: made ahead, each with row-level security of its own, out
 * of the service's login's reach except through the trail itself, and dropped whole for a
 * retention, never the current month.
 */
@QuarkusTest
class AuditPartitionsTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy_MM");

    @Inject
    Flyway flyway;

    @Inject
    AuditPartitionsCheck startupCheck;

    @Inject
    AuditMonthsWatch monthsWatch;

    @Inject
    MeterRegistry metrics;

    @Test
    void aStartWithoutNextMonthsPartitionIsRefusedWithTheFix() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            LocalDate firstOfMonth = LocalDate.now().withDayOfMonth(1);
            for (int ahead = 1; ahead <= 30; ahead++) {
                Database.update(
                        db,
                        "DROP TABLE IF EXISTS audit_logs_"
                                + firstOfMonth.plusMonths(ahead).format(MONTH));
            }
            try {
                assertThatThrownBy(startupCheck::check)
                        .isInstanceOf(StartupRefusal.class)
                        .hasMessageContaining("no partition for next month")
                        .hasMessageContaining("QUARKUS_FLYWAY_USERNAME");
            } finally {
                flyway.migrate();
            }
            startupCheck.check();
        }
    }

    @Test
    void everyMigrateMakesTheMonthsAheadAgainSoAStartRefillsWhatTimeUsedUp() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            LocalDate firstOfMonth = LocalDate.now().withDayOfMonth(1);
            for (int ahead = 2; ahead <= 30; ahead++) {
                Database.update(
                        db,
                        "DROP TABLE IF EXISTS audit_logs_"
                                + firstOfMonth.plusMonths(ahead).format(MONTH));
            }
            assertThat((Integer) Database.column(db, "SELECT audit_partitions_months_ready()")
                            .get(0))
                    .isEqualTo(2);

            flyway.migrate();

            assertThat((Integer) Database.column(db, "SELECT audit_partitions_months_ready()")
                            .get(0))
                    .as("the afterMigrate callback ran with nothing left to migrate")
                    .isGreaterThanOrEqualTo(13);
        }
    }

    @Test
    void aRunningInstanceShowsTheMonthsRunningOutOnItsMetric() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            LocalDate firstOfMonth = LocalDate.now().withDayOfMonth(1);
            for (int ahead = 2; ahead <= 30; ahead++) {
                Database.update(
                        db,
                        "DROP TABLE IF EXISTS audit_logs_"
                                + firstOfMonth.plusMonths(ahead).format(MONTH));
            }
            try {
                monthsWatch.refresh();
                assertThat(metrics.get("switchboard.audit.partitions.months.ready")
                                .gauge()
                                .value())
                        .isEqualTo(2.0);
            } finally {
                flyway.migrate();
            }
            monthsWatch.refresh();
            assertThat(metrics.get("switchboard.audit.partitions.months.ready")
                            .gauge()
                            .value())
                    .isGreaterThanOrEqualTo(13.0);
        }
    }

    @Test
    void thisMonthAndAtLeastTwelveAheadArePartitionedEachWithItsOwnRowLevelSecurity() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            assertThat((Integer) Database.column(db, "SELECT audit_partitions_months_ready()")
                            .get(0))
                    .isGreaterThanOrEqualTo(13);
            List<Object> unprotected = Database.column(
                    db,
                    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                            + " WHERE i.inhparent = 'public.audit_logs'::regclass"
                            + " AND NOT (c.relrowsecurity AND c.relforcerowsecurity"
                            + " AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))");
            assertThat(unprotected).isEmpty();
        }
    }

    @Test
    void theServicesLoginReachesThePartitionsOnlyThroughTheTrailAndCannotMakeOrDropThem() throws Exception {
        String thisMonth = "audit_logs_" + LocalDate.now().format(MONTH);
        try (Connection db = Database.asRuntimeLogin()) {
            assertThatThrownBy(() -> Database.column(db, "SELECT count(*) FROM " + thisMonth))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> Database.column(db, "SELECT audit_partitions_ensure(12)"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> Database.column(db, "SELECT audit_partitions_drop_before(now()::date)"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void aRetentionDropsWholeMonthsThatEndedButNeverTheCurrentOne() throws Exception {
        LocalDate old = LocalDate.now().withDayOfMonth(1).minusYears(3);
        String oldMonth = "audit_logs_" + old.format(MONTH);
        try (Connection db = Database.asSuperuser()) {
            Database.column(db, "SELECT audit_partition_create(?::date)", old.toString());
            assertThat(Database.column(db, "SELECT to_regclass(?) IS NOT NULL", oldMonth))
                    .containsExactly(true);

            List<Object> dropped = Database.column(
                    db,
                    "SELECT audit_partitions_drop_before(?::date)",
                    old.plusMonths(1).toString());

            assertThat(dropped).containsExactly(oldMonth);
            assertThat(Database.column(db, "SELECT audit_partitions_drop_before(now()::date + 400)"))
                    .as("asked for a date in the future, it stops at the current month")
                    .doesNotContain("audit_logs_" + LocalDate.now().format(MONTH));
            assertThat((Integer) Database.column(db, "SELECT audit_partitions_months_ready()")
                            .get(0))
                    .isGreaterThanOrEqualTo(13);
        }
    }
}
