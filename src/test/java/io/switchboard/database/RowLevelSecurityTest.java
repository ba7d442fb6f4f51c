package io.switchboard.database;

import static io.switchboard.testing.Database.beginAsTenant;
import static io.switchboard.testing.Database.column;
import static io.switchboard.testing.Database.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.Fixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Row-level security as the service's runtime login, with no help from application code. */
@QuarkusTest
class RowLevelSecurityTest {

    private UUID tenantA;
    private UUID tenantB;

    @BeforeEach
    void seedTwoTenants() throws SQLException {
        tenantA = UUID.randomUUID();
        tenantB = UUID.randomUUID();
        for (UUID tenant : new UUID[] {tenantA, tenantB}) {
            try (Connection db = Database.asRuntimeLogin()) {
                beginAsTenant(db, tenant);
                Fixtures.seedTenant(db, tenant);
                db.commit();
            }
        }
    }

    @Test
    void withTenantSetEveryTableShowsOnlyThatTenantsRows() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenantA);
            for (String table : Database.TENANT_TABLES) {
                String tenantColumn = table.equals("tenants") ? "id" : "tenant_id";
                assertThat(column(db, "SELECT DISTINCT " + tenantColumn + " FROM " + table))
                        .as("tenants visible in %s", table)
                        .containsExactly(tenantA);
            }
            db.rollback();
        }
    }

    @Test
    void withNoTenantSetNoTableShowsAnyRow() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            db.setAutoCommit(true);
            for (String table : Database.TENANT_TABLES) {
                assertThat(column(db, "SELECT count(*) FROM " + table))
                        .as(table)
                        .containsExactly(0L);
            }
        }
    }

    @Test
    void theTenantSettingEndsWithTheTransaction() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenantA);
            assertThat(column(db, "SELECT count(*) FROM calls")).containsExactly(1L);
            db.commit();
            assertThat(column(db, "SELECT count(*) FROM calls")).containsExactly(0L);
        }
    }

    @Test
    void writingARowForAnotherTenantFails() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenantA);
            assertThatThrownBy(() -> update(
                            db,
                            "INSERT INTO products (tenant_id, id, name) VALUES (?, ?, 'Stolen')",
                            tenantB,
                            UUID.randomUUID()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            db.rollback();
        }
    }

    @Test
    void updatesAndDeletesCannotReachAnotherTenantsRows() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenantA);
            assertThat(update(db, "UPDATE calls SET notes = 'overwritten' WHERE tenant_id = ?", tenantB))
                    .isZero();
            assertThat(update(db, "DELETE FROM products WHERE tenant_id = ?", tenantB))
                    .isZero();
            assertThatThrownBy(() -> update(db, "UPDATE calls SET tenant_id = ? WHERE tenant_id = ?", tenantB, tenantA))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            db.rollback();
        }
    }

    @Test
    void runtimeLoginCannotRewriteTheAuditTrailOrSwitchSecurityOff() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenantA);
            assertThatThrownBy(() -> update(db, "UPDATE audit_logs SET action = 'delete'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            db.rollback();
            beginAsTenant(db, tenantA);
            assertThatThrownBy(() -> update(db, "DELETE FROM audit_logs"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            db.rollback();
            beginAsTenant(db, tenantA);
            assertThatThrownBy(() -> update(db, "ALTER TABLE calls DISABLE ROW LEVEL SECURITY"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("must be owner");
            db.rollback();
        }
    }

    @Test
    void directoryLookupsReturnOnlyIdsAndStatusAndLeaveNoCrossTenantAccessBehind() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, null);
            String accountSid = null;
            try (Connection admin = Database.asSuperuser()) {
                accountSid = (String) column(admin, "SELECT twilio_account_sid FROM tenants WHERE id = ?", tenantB)
                        .get(0);
            }
            assertThat(column(db, "SELECT tenant_id FROM directory_tenant_by_account_sid(?)", accountSid))
                    .containsExactly(tenantB);
            assertThat(column(db, "SELECT count(*) FROM tenants"))
                    .as("directory mode closed again")
                    .containsExactly(0L);
            db.rollback();
        }
    }

    @Test
    void noSettingTheRuntimeLoginCanChangeOpensOtherTenantsRows() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenantA);
            column(db, "SELECT set_config('app.directory', 'on', true)");
            assertThat(column(db, "SELECT DISTINCT id FROM tenants")).containsExactly(tenantA);
            assertThat(column(db, "SELECT DISTINCT tenant_id FROM api_keys")).containsExactly(tenantA);
            db.rollback();
            db.setAutoCommit(true);
            assertThatThrownBy(() -> column(db, "SET ROLE switchboard_directory"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> column(db, "SET ROLE switchboard_owner"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void crossTenantFunctionsBelongToANoLoginRoleWithAPinnedSearchPath() throws SQLException {
        try (Connection db = Database.asSuperuser()) {
            List<Object> unsafe = column(
                    db,
                    "SELECT p.proname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner"
                            + " WHERE p.prosecdef AND p.pronamespace = 'public'::regnamespace"
                            + " AND (r.rolcanlogin OR r.rolsuper OR r.rolbypassrls"
                            + "      OR NOT coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=%', false))");
            assertThat(unsafe)
                    .as("SECURITY DEFINER functions owned by a login or without search_path")
                    .isEmpty();
            assertThat(column(
                            db,
                            "SELECT count(*) FROM pg_proc WHERE prosecdef AND pronamespace = 'public'::regnamespace"))
                    .first()
                    .isNotEqualTo(0L);
            assertThat(column(db, "SELECT has_schema_privilege('switchboard_directory', 'public', 'CREATE')"))
                    .containsExactly(false);
        }
    }

    @Test
    void tenantWorkCannotChangeATenantsStatusDomainOrAccountNorDeleteIt() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            for (String change : new String[] {
                "UPDATE tenants SET status = 'inactive'",
                "UPDATE tenants SET custom_domain = 'stolen.example.com'",
                "UPDATE tenants SET twilio_account_sid = 'AC00000000000000000000000000000000'",
                "DELETE FROM tenants"
            }) {
                beginAsTenant(db, tenantA);
                assertThatThrownBy(() -> update(db, change))
                        .as(change)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("permission denied");
                db.rollback();
            }
            beginAsTenant(db, tenantA);
            assertThatThrownBy(() -> column(
                            db,
                            "SELECT operator_set_tenant_routing(?, 'inactive', NULL, 'AC00000000000000000000000000000000')",
                            tenantA))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only an operator");
            db.rollback();
            beginAsTenant(db, tenantA);
            assertThat(update(db, "UPDATE tenants SET name = 'Renamed'")).isEqualTo(1);
            db.rollback();
        }
    }
}
