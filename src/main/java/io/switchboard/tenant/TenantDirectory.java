package io.switchboard.tenant;

import io.agroal.api.AgroalDataSource;
import io.switchboard.common.WireValue;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The only reads that cross tenants: which tenant a custom domain, a Twilio account SID or an API
 * key hash belongs to. Each goes through a database function that returns ids and status only
 * (see migrations, "Directory lookups"); nothing here sees tenant data.
 */
@ApplicationScoped
public class TenantDirectory {

    /** Only names with a dot can be custom domains; "localhost" and IP literals skip the lookup. */
    private static final Pattern DOMAIN = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.[a-z][a-z0-9-]*");

    private final AgroalDataSource dataSource;

    TenantDirectory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Entry(UUID tenantId, TenantStatus status) {
        public boolean active() {
            return status == TenantStatus.ACTIVE;
        }
    }

    public record ApiKeyEntry(UUID tenantId, UUID keyId, byte[] secretHash, TenantStatus status) {
    }

    public Optional<Entry> byDomain(String host) {
        if (host == null || !DOMAIN.matcher(host).matches()) {
            return Optional.empty();
        }
        return single("SELECT tenant_id, status FROM directory_tenant_by_domain(?)", host.toLowerCase(java.util.Locale.ROOT));
    }

    public Optional<Entry> byAccountSid(String accountSid) {
        if (accountSid == null || accountSid.isBlank()) {
            return Optional.empty();
        }
        return single("SELECT tenant_id, status FROM directory_tenant_by_account_sid(?)", accountSid);
    }

    public Optional<ApiKeyEntry> byApiKeyHash(byte[] secretHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lookup = connection.prepareStatement(
                     "SELECT tenant_id, key_id, secret_hash, tenant_status FROM directory_api_key(?)")) {
            lookup.setBytes(1, secretHash);
            try (ResultSet row = lookup.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ApiKeyEntry(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getBytes(3), WireValue.require(TenantStatus.class, row.getString(4))));
            }
        } catch (SQLException e) {
            throw new DirectoryUnavailableException(e);
        }
    }

    private Optional<Entry> single(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement lookup = connection.prepareStatement(sql)) {
            lookup.setString(1, parameter);
            try (ResultSet row = lookup.executeQuery()) {
                return row.next()
                        ? Optional.of(new Entry(row.getObject(1, UUID.class), WireValue.require(TenantStatus.class, row.getString(2))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DirectoryUnavailableException(e);
        }
    }

    /** The database could not be asked; callers answer 503, never "unknown tenant". */
    public static class DirectoryUnavailableException extends RuntimeException {
        DirectoryUnavailableException(SQLException cause) {
            super("Tenant directory lookup failed: " + cause.getMessage(), cause);
        }
    }
}
