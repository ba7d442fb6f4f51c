package io.switchboard.database;

import static io.switchboard.testing.Database.beginAsTenant;
import static io.switchboard.testing.Database.update;
import static io.switchboard.testing.Fixtures.sid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.Database;
import io.switchboard.testing.Fixtures;
import io.switchboard.testing.Fixtures.TenantRows;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The database itself refuses data the service must never store. */
@QuarkusTest
class ConstraintsTest {

    private TenantRows a;
    private TenantRows b;

    @BeforeEach
    void seed() throws SQLException {
        a = seed(UUID.randomUUID());
        b = seed(UUID.randomUUID());
    }

    @Test
    void enumeratedColumnsRefuseUnknownValues() throws SQLException {
        assertRefused("INSERT INTO calls (tenant_id, id, status) VALUES (?, ?, 'exploded')", "calls_status_check");
        assertRefused("INSERT INTO calls (tenant_id, id, outcome) VALUES (?, ?, 'maybe')", "calls_outcome_check");
        assertRefused(
                "INSERT INTO calls (tenant_id, id, meeting_status) VALUES (?, ?, 'no_show')",
                "calls_meeting_status_check");
        assertRefused(
                "INSERT INTO users (tenant_id, id, email, name, password_hash, role)"
                        + " VALUES (?, ?, 'x@example.com', 'X', 'h', 'owner')",
                "users_role_check");
        assertRefused(
                "INSERT INTO messages (tenant_id, id, direction) VALUES (?, ?, 'sideways')",
                "messages_direction_check");
        assertRefused(
                "INSERT INTO content (tenant_id, id, title, type, body) VALUES (?, ?, 't', 'poem', 'b')",
                "content_type_check");
    }

    @Test
    void aCallSidIsUniqueWithinATenantButNotAcrossTenants() throws SQLException {
        String callSid = sid("CA");
        insertCallWithSid(a.tenantId(), callSid);
        assertThatThrownBy(() -> insertCallWithSid(a.tenantId(), callSid))
                .hasMessageContaining("calls_tenant_id_sid_key");
        insertCallWithSid(b.tenantId(), callSid);
    }

    @Test
    void aCallCannotReferenceAnotherTenantsUserOrLossReason() throws SQLException {
        assertRefused(
                "INSERT INTO calls (tenant_id, id, user_id) VALUES (?, ?, '" + b.userId() + "')",
                "calls_tenant_id_user_id_fkey");
        assertRefused(
                "INSERT INTO calls (tenant_id, id, outcome, loss_reason_id) VALUES (?, ?, 'lost', '" + b.lossReasonId()
                        + "')",
                "calls_tenant_id_loss_reason_id_fkey");
    }

    @Test
    void aLostCallNeedsALossReason() throws SQLException {
        assertRefused("INSERT INTO calls (tenant_id, id, outcome) VALUES (?, ?, 'lost')", "calls_lost_needs_reason");
    }

    @Test
    void plainTextSecretsCannotBeStored() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, a.tenantId());
            assertThatThrownBy(() -> update(db, "UPDATE tenants SET twilio_auth_token_enc = 'my-real-auth-token'"))
                    .hasMessageContaining("tenants_twilio_auth_token_enc_check");
            db.rollback();
        }
    }

    @Test
    void aLossReasonInUseCannotBeDeleted() throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, a.tenantId());
            assertThatThrownBy(() -> update(db, "DELETE FROM loss_reasons WHERE id = ?", a.lossReasonId()))
                    .hasMessageContaining("calls_tenant_id_loss_reason_id_fkey");
            db.rollback();
        }
    }

    private void assertRefused(String insertWithTenantAndId, String constraint) throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, a.tenantId());
            assertThatThrownBy(() -> update(db, insertWithTenantAndId, a.tenantId(), UUID.randomUUID()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(constraint);
            db.rollback();
        }
    }

    private static void insertCallWithSid(UUID tenant, String callSid) throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenant);
            assertThat(update(
                            db,
                            "INSERT INTO calls (tenant_id, id, sid) VALUES (?, ?, ?)",
                            tenant,
                            UUID.randomUUID(),
                            callSid))
                    .isEqualTo(1);
            db.commit();
        }
    }

    private static TenantRows seed(UUID tenant) throws SQLException {
        try (Connection db = Database.asRuntimeLogin()) {
            beginAsTenant(db, tenant);
            TenantRows rows = Fixtures.seedTenant(db, tenant);
            db.commit();
            return rows;
        }
    }
}
