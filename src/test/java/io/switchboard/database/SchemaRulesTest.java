package io.switchboard.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.call.Call;
import io.switchboard.call.CallStatus;
import io.switchboard.common.PhoneNumbers;
import io.switchboard.message.Message;
import io.switchboard.recording.Recording;
import io.switchboard.setting.Settings;
import io.switchboard.tenant.TenantRules;
import io.switchboard.testing.Database;
import io.switchboard.testing.Fixtures;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules that the service and the schema both know, checked to agree: each format is tried on
 * the same samples through the Java pattern and through the table's CHECK constraint; defaults and
 * orderings are compared value by value.
 */
@QuarkusTest
class SchemaRulesTest {

    @Test
    void sidFormatsAgreeWithTheChecks() throws SQLException {
        String hex = Fixtures.randomHex(32);
        agree(Call.SID_FORMAT, "UPDATE calls SET sid = ? WHERE id = ?", "CA", hex);
        agree(Recording.SID_FORMAT, "UPDATE recordings SET sid = ? WHERE id = ?", "RE", hex);
        agree(Message.SID_FORMAT, "UPDATE messages SET sid = ? WHERE id = ?", "SM", hex);
        agree(Message.SID_FORMAT, "UPDATE messages SET sid = ? WHERE id = ?", "MM", hex);
        agree(TenantRules.ACCOUNT_SID_FORMAT, "UPDATE tenants SET twilio_account_sid = ? WHERE id = ?", "AC", hex);
    }

    @Test
    void phoneNumberAndDomainFormatsAgreeWithTheChecks() throws SQLException {
        List<String> numbers = List.of(
                "+14155550100",
                "+1415555",
                "+123456",
                "14155550100",
                "+04155550100",
                "+1415555010012345",
                "+141555501001234",
                "+1 415 555 0100",
                "");
        for (String number : numbers) {
            assertAgree(
                    Pattern.compile(PhoneNumbers.E164),
                    "UPDATE settings SET forward_to = ? WHERE tenant_id = ?",
                    number);
            assertAgree(
                    Pattern.compile(PhoneNumbers.E164),
                    "UPDATE tenants SET twilio_phone_number = ? WHERE id = ?",
                    number);
        }
        for (String domain : List.of(
                "calls.example.com",
                "a.b",
                "Calls.example.com",
                "calls-.example.com",
                "-calls.example.com",
                "localhost",
                "1.2.3.4",
                "calls.example.com.",
                "x_y.example.com")) {
            assertAgree(TenantRules.DOMAIN_FORMAT, "UPDATE tenants SET custom_domain = ? WHERE id = ?", domain);
        }
    }

    @Test
    void theDefaultPaidActionCapIsTheColumnsDefault() throws SQLException {
        try (Connection db = Database.asSuperuser()) {
            assertThat(Database.column(
                            db,
                            "SELECT column_default FROM information_schema.columns"
                                    + " WHERE table_name = 'settings' AND column_name = 'paid_actions_per_minute'"))
                    .containsExactly(Integer.toString(Settings.DEFAULT_PAID_ACTIONS_PER_MINUTE));
        }
    }

    @Test
    void theCallStatusOrderIsTheDatabasesOrder() throws SQLException {
        try (Connection db = Database.asSuperuser()) {
            for (CallStatus status : CallStatus.values()) {
                assertThat(Database.column(db, "SELECT call_status_stage(?)", status.wire()))
                        .as(status.wire())
                        .containsExactly(status.stage());
            }
        }
    }

    private void agree(Pattern format, String update, String prefix, String hex) throws SQLException {
        for (String sample : List.of(
                prefix + hex,
                prefix + hex.toUpperCase(),
                prefix + hex.substring(1),
                prefix + hex + "0",
                prefix.toLowerCase() + hex,
                prefix + "g" + hex.substring(1),
                "XX" + hex,
                "")) {
            assertAgree(format, update, sample);
        }
    }

    /** The Java pattern accepts a value exactly when the database's CHECK does. */
    private static void assertAgree(Pattern format, String update, String value) throws SQLException {
        UUID tenant = UUID.randomUUID();
        try (Connection db = Database.asSuperuser()) {
            db.setAutoCommit(false);
            Fixtures.TenantRows rows = Fixtures.seedTenant(db, tenant);
            UUID row = update.contains("calls") ? rows.callId() : rowId(db, update, tenant);
            Savepoint before = db.setSavepoint();
            boolean databaseAccepts;
            try {
                Database.update(db, update, value, row);
                databaseAccepts = true;
            } catch (SQLException refused) {
                assertThat(refused.getSQLState()).as("SQLSTATE for %s", value).isEqualTo("23514");
                databaseAccepts = false;
                db.rollback(before);
            }
            assertThat(format.matcher(value).matches())
                    .as("%s in %s", value, update)
                    .isEqualTo(databaseAccepts);
            db.rollback();
        }
    }

    private static UUID rowId(Connection db, String update, UUID tenant) throws SQLException {
        String table = update.split(" ")[1];
        String key = table.equals("tenants") || table.equals("settings") ? "" : "id";
        if (key.isEmpty()) {
            return tenant;
        }
        return (UUID) Database.column(db, "SELECT id FROM " + table + " WHERE tenant_id = ?", tenant)
                .get(0);
    }
}
