package io.switchboard.common;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.auth.OperatorConfig;
import io.switchboard.crypto.Keyring;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses to start with configuration that would make the service unsafe: a missing or malformed
 * encryption keyring or operator token digest, missing JWT keys in production, or a database login
 * that bypasses row-level security. Each failure names what to fix.
 */
@ApplicationScoped
class StartupGuard {

    private static final Logger LOG = Logger.getLogger(StartupGuard.class);

    void onStart(@Observes StartupEvent event, Keyring keyring, OperatorConfig operator, AgroalDataSource dataSource) {
        LOG.infof("Encryption keyring ready; new secrets are encrypted under key '%s'", keyring.activeKeyId());
        operator.requiredTokenDigest();
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            requireJwtKeys();
        }
        refuseLoginThatBypassesRowLevelSecurity(dataSource);
    }

    /** Dev and test generate a key pair; production must bring its own, or logins would fail later. */
    private static void requireJwtKeys() {
        Config config = ConfigProvider.getConfig();
        boolean canSign = config.getOptionalValue("smallrye.jwt.sign.key.location", String.class).isPresent()
                || config.getOptionalValue("smallrye.jwt.sign.key", String.class).isPresent();
        boolean canVerify = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isPresent()
                || config.getOptionalValue("mp.jwt.verify.publickey", String.class).isPresent();
        if (!canSign || !canVerify) {
            throw new IllegalStateException("Dashboard JWT keys are not configured: set SMALLRYE_JWT_SIGN_KEY_LOCATION"
                    + " (private key) and MP_JWT_VERIFY_PUBLICKEY_LOCATION (public key)");
        }
    }

    private static void refuseLoginThatBypassesRowLevelSecurity(AgroalDataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement sql = connection.createStatement();
             ResultSet role = sql.executeQuery(
                     "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
            role.next();
            if (role.getBoolean("rolsuper") || role.getBoolean("rolbypassrls")) {
                throw new IllegalStateException("The database login '" + role.getString(1) + "' is a superuser or has"
                        + " BYPASSRLS, so row-level security would not isolate tenants. Point QUARKUS_DATASOURCE_USERNAME"
                        + " at a login without them (migrations may use an owner login through QUARKUS_FLYWAY_USERNAME).");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the database login: " + e.getMessage(), e);
        }
    }
}
