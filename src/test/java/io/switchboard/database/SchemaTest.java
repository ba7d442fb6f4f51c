package io.switchboard.database;

import static io.switchboard.testing.Database.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema comes from the migrations alone (the application started, so Flyway applied them to
 * an empty database and Hibernate validated every entity against the result).
 */
@QuarkusTest
class SchemaTest {

    @Test
    void migrationsAppliedSuccessfullyOnEmptyDatabase() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            List<Object> failed = column(db, "SELECT version FROM flyway_schema_history WHERE NOT success");
            List<Object> applied =
                    column(db, "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL");
            assertThat(failed).isEmpty();
            assertThat(applied).contains("1");
        }
    }

    @Test
    void everyTenantTableForcesRowLevelSecurityAndHasAPolicy() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            for (String table : Database.TENANT_TABLES) {
                assertThat(column(
                                db,
                                "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE relname = ?",
                                table))
                        .as("ENABLE and FORCE row level security on %s", table)
                        .containsExactly(true);
                assertThat(column(db, "SELECT count(*) FROM pg_policies WHERE tablename = ?", table))
                        .as("policies on %s", table)
                        .first()
                        .isNotEqualTo(0L);
            }
        }
    }

    @Test
    void noTableInThePublicSchemaLacksRowLevelSecurityExceptFlywayHistory() throws Exception {
        try (Connection db = Database.asSuperuser()) {
            List<Object> unprotected = column(
                    db,
                    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                            + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relforcerowsecurity"
                            + " AND c.relname <> 'flyway_schema_history'");
            assertThat(unprotected).as("a new table must get a tenant policy").isEmpty();
        }
    }

    @Test
    void runtimeLoginIsNeitherSuperuserNorBypassRlsNorOwner() throws Exception {
        try (Connection db = Database.asRuntimeLogin()) {
            assertThat(column(db, "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"))
                    .containsExactly(false);
            assertThat(column(
                            db,
                            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user"))
                    .containsExactly(0L);
        }
    }

    @Test
    void migrationsArePackagedWhereFlywayLooksForThem() {
        assertThat(getClass().getClassLoader().getResource("db/migration/V1__tenancy_schema.sql"))
                .isNotNull();
    }
}
