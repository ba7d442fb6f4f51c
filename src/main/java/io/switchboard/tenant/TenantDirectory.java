package io.switchboard.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.switchboard.common.DatabaseFailures;
import io.switchboard.common.DatabaseUnavailableException;
import io.switchboard.common.Jdbc;
import io.switchboard.common.WireValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The only reads that cross tenants, before a tenant is known or for operators' lists: which
 * tenant a custom domain, a Twilio account SID, an API key or a login session belongs to. Each goes
 * through a {@code SECURITY DEFINER} function owned by the NOLOGIN directory role, which returns
 * only what resolution needs (migration V5); the runtime login itself sees no other tenant's row.
 * Inputs are checked before they reach the database, so a malformed value is "not found", never a
 * database error.
 */
@ApplicationScoped
public class TenantDirectory {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DOMAIN_LENGTH = 253;

    private final AgroalDataSource dataSource;

    TenantDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Entry(UUID tenantId, TenantStatus status) {
        public boolean active() {
            return status == TenantStatus.ACTIVE;
        }
    }

    public record ApiKeyEntry(UUID tenantId, UUID keyId, byte[] secretHash, TenantStatus status) {}

    /** A login session's state now: the user's current role (as stored) and whether all is still valid. */
    public record SessionEntry(TenantStatus tenantStatus, String userRole, boolean userActive, boolean sessionOpen) {}

    /** One stored secret, for checking a key that has no canary yet. */
    public record StoredSecret(UUID tenantId, String column, String ciphertext) {}

    /**
     * The host as a custom domain would be stored: lowercase, without the trailing dot of a fully
     * qualified name ({@code calls.example.com.} is {@code calls.example.com}); empty when it cannot
     * be one.
     */
    public static Optional<String> customDomainOf(String host) {
        // No DNS name is longer (RFC 1035); a longer Host is an attacker's, not worth a lookup.
        if (host == null || host.length() > MAX_DOMAIN_LENGTH + 1) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.length() <= MAX_DOMAIN_LENGTH
                        && TenantRules.DOMAIN_FORMAT.matcher(name).matches()
                ? Optional.of(name)
                : Optional.empty();
    }

    public Optional<Entry> byDomain(String host) {
        return customDomainOf(host)
                .flatMap(domain -> first(
                        "SELECT tenant_id, status FROM directory_tenant_by_domain(?)", TenantDirectory::entry, domain));
    }

    public Optional<Entry> byAccountSid(String accountSid) {
        if (accountSid == null
                || !TenantRules.ACCOUNT_SID_FORMAT.matcher(accountSid).matches()) {
            return Optional.empty();
        }
        return first(
                "SELECT tenant_id, status FROM directory_tenant_by_account_sid(?)", TenantDirectory::entry, accountSid);
    }

    public Optional<ApiKeyEntry> byApiKeyHash(byte[] secretHash) {
        return first(
                "SELECT tenant_id, key_id, secret_hash, tenant_status FROM directory_api_key(?)",
                row -> new ApiKeyEntry(
                        row.getObject(1, UUID.class),
                        row.getObject(2, UUID.class),
                        row.getBytes(3),
                        WireValue.require(TenantStatus.class, row.getString(4))),
                secretHash);
    }

    /** Records that a key was used, unless that was already recorded after {@code staleBefore}. */
    public void apiKeyUsed(UUID tenantId, UUID keyId, Instant staleBefore) {
        first("SELECT directory_api_key_used(?, ?, ?)", row -> Boolean.TRUE, tenantId, keyId, staleBefore);
    }

    public Optional<SessionEntry> session(UUID tenantId, UUID sessionId, UUID userId) {
        return first(
                "SELECT tenant_status, user_role, user_active, session_open FROM directory_session(?, ?, ?)",
                row -> new SessionEntry(
                        WireValue.require(TenantStatus.class, row.getString(1)),
                        row.getString(2),
                        row.getBoolean(3),
                        row.getBoolean(4)),
                tenantId,
                sessionId,
                userId);
    }

    /** Operators' list of tenants, newest first, after the given position; never a secret. */
    public List<TenantView> tenantsPage(Instant afterCreatedAt, UUID afterId, int limit) {
        return all(
                "SELECT id, name, status, custom_domain, twilio_account_sid, twilio_api_key_sid, twilio_phone_number,"
                        + " branding_config::text, created_at, updated_at FROM operator_tenants_page(?, ?, ?)",
                TenantDirectory::tenantView,
                afterCreatedAt,
                afterId,
                limit);
    }

    /** Tenant ids in id order after {@code after}, for operators' jobs that visit every tenant. */
    public List<UUID> tenantIdsAfter(UUID after, int limit) {
        return all("SELECT operator_tenant_ids(?, ?)", row -> row.getObject(1, UUID.class), after, limit);
    }

    /**
     * Active tenants due for reconciliation (asked for, a pass under way, or not reconciled since
     * {@code dueBefore}) whose lease no instance holds, most urgent first.
     */
    public List<UUID> tenantsToReconcile(Instant dueBefore, int limit) {
        return all(
                "SELECT directory_tenants_to_reconcile(?, ?)", row -> row.getObject(1, UUID.class), dueBefore, limit);
    }

    /** A delivery a worker of this instance has claimed, and the attempt number that fences it. */
    public record ClaimedDelivery(UUID tenantId, UUID deliveryId, int attempt) {}

    /**
     * Claims up to {@code limit} due deliveries across tenants for {@code owner}, at most one per
     * endpoint, each for {@code lease}; rows another instance is claiming are skipped.
     */
    public List<ClaimedDelivery> claimDeliveries(String owner, Duration lease, int limit) {
        return all(
                "SELECT tenant_id, delivery_id, attempt FROM directory_claim_deliveries(?, ?, ?)",
                row -> new ClaimedDelivery(row.getObject(1, UUID.class), row.getObject(2, UUID.class), row.getInt(3)),
                owner,
                (int) lease.toSeconds(),
                limit);
    }

    /** The age in seconds of the oldest event with a delivery due and not done, across tenants. */
    public double deliveryLagSeconds() {
        return first("SELECT directory_delivery_lag_seconds()", row -> row.getDouble(1))
                .orElse(0.0);
    }

    /** Deletes up to {@code limit} events older than {@code before}, with their deliveries; how many went. */
    public int pruneEvents(Instant before, int limit) {
        return first("SELECT directory_prune_events(?, ?)", row -> row.getInt(1), before, limit)
                .orElse(0);
    }

    /** The encryption key ids that stored secrets use. */
    public Set<String> secretKeyIdsInUse() {
        return new LinkedHashSet<>(all("SELECT keyring_key_ids_in_use()", row -> row.getString(1)));
    }

    /** One secret stored under a key id that has no canary yet; empty once it has one. */
    public Optional<StoredSecret> secretWithoutCanary(String keyId) {
        return first(
                "SELECT tenant_id, column_name, ciphertext FROM keyring_sample(?)",
                row -> new StoredSecret(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                keyId);
    }

    private static Entry entry(ResultSet row) throws SQLException {
        return new Entry(row.getObject(1, UUID.class), WireValue.require(TenantStatus.class, row.getString(2)));
    }

    private static TenantView tenantView(ResultSet row) throws SQLException {
        String apiKeySid = row.getString(6);
        // The auth token is NOT NULL, and a key SID never comes without its secret (a CHECK), so
        // whether each secret is set follows without reading the encrypted columns.
        return new TenantView(
                row.getObject(1, UUID.class),
                row.getString(2),
                WireValue.require(TenantStatus.class, row.getString(3)),
                row.getString(4),
                new TenantView.TwilioView(row.getString(5), true, apiKeySid, apiKeySid != null, row.getString(7)),
                true,
                jsonObject(row.getString(8)),
                row.getObject(9, OffsetDateTime.class).toInstant(),
                row.getObject(10, OffsetDateTime.class).toInstant());
    }

    private static Map<String, Object> jsonObject(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The database returned malformed JSON", e);
        }
    }

    private <T> Optional<T> first(String sql, Jdbc.RowMapper<T> mapper, Object... parameters) {
        List<T> rows = all(sql, mapper, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private <T> List<T> all(String sql, Jdbc.RowMapper<T> mapper, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            Jdbc.bind(statement, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    rows.add(mapper.map(row));
                }
            }
            return rows;
        } catch (SQLException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw new DatabaseUnavailableException("The tenant directory could not be asked", e);
            }
            throw new IllegalStateException("Tenant directory lookup failed: " + e.getMessage(), e);
        }
    }
}
