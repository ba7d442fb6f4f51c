package io.switchboard.common;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.LaunchMode;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Runs just before Flyway migrates at start: the configuration and database-login checks go first,
 * so a misconfigured production start is refused before anything touches the schema.
 *
 * <p>Migrations need the owner login (QUARKUS_FLYWAY_*). Without one, Flyway connects as the
 * service's login, which cannot and must not change the schema: a schema that is already current
 * (migrated by a Job with the owner login) starts; one with migrations pending is refused, naming
 * the fix, before any of them is tried.
 */
@Singleton
class MigrationGate implements FlywayConfigurationCustomizer {

    private final StartupChecks checks;
    private final String serviceLogin;
    private final Optional<String> ownerLogin;
    private final Optional<String> ownerPassword;

    MigrationGate(
            StartupChecks checks,
            @ConfigProperty(name = "quarkus.datasource.username") String serviceLogin,
            @ConfigProperty(name = "quarkus.flyway.username") Optional<String> ownerLogin,
            @ConfigProperty(name = "quarkus.flyway.password") Optional<String> ownerPassword) {
        this.checks = checks;
        this.serviceLogin = serviceLogin;
        this.ownerLogin = ownerLogin;
        this.ownerPassword = ownerPassword;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        // Quarkus quietly migrates as the service's login when the owner's password is missing.
        if (ownerLogin.isPresent() && ownerPassword.isEmpty()) {
            throw new StartupRefusal("QUARKUS_FLYWAY_USERNAME is set without QUARKUS_FLYWAY_PASSWORD: give the owner"
                    + " login's password too, or neither");
        }
        checks.runThrough(StartupCheck.Stage.DATABASE_LOGINS);
        boolean noOwnerLogin = ownerLogin
                .filter(login -> !login.isBlank() && !login.equals(serviceLogin))
                .isEmpty();
        if (noOwnerLogin && LaunchMode.current() == LaunchMode.NORMAL) {
            int pending = Flyway.configure(Thread.currentThread().getContextClassLoader())
                    .configuration(configuration)
                    .load()
                    .info()
                    .pending()
                    .length;
            if (pending > 0) {
                throw new StartupRefusal(
                        pending + " database migration(s) are pending and no owner login is configured:"
                                + " set QUARKUS_FLYWAY_JDBC_URL, QUARKUS_FLYWAY_USERNAME and QUARKUS_FLYWAY_PASSWORD to the"
                                + " owner login (or run the migrate Job first); the service's own login never changes the schema.");
            }
        }
    }
}
