package io.switchboard.devdb;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives dev mode and tests a real PostgreSQL with no setup: when the profile is {@code dev} or
 * {@code test} and no JDBC URL is configured, it starts an embedded server and points the
 * datasource (runtime login) and Flyway (owner login) at it.
 *
 * <p>The embedded server's classes are "provided" dependencies: on the dev-mode and test class
 * paths, absent from the packaged application. This class therefore reaches the server only by
 * name, so a production build (and a native image) never links against it.
 */
public final class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    static final String SERVER_CLASS = "io.switchboard.devdb.EmbeddedPostgresServer";
    /** Above application.properties (250), below system properties (400) and environment (300). */
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!wantsEmbeddedServer(context)) {
            return List.of();
        }
        Map<String, String> properties = startServer(context.getProfiles().contains("test"));
        return List.of(new PropertiesConfigSource(properties, "switchboard-embedded-postgres", ORDINAL));
    }

    private static boolean wantsEmbeddedServer(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!devOrTest || isSet(context.getValue("quarkus.datasource.jdbc.url"))) {
            return false;
        }
        ConfigValue enabled = context.getValue("switchboard.dev-db.enabled");
        return !isSet(enabled) || Boolean.parseBoolean(enabled.getValue());
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> startServer(boolean testRun) {
        try {
            Class<?> server =
                    Class.forName(SERVER_CLASS, true, EmbeddedPostgresConfigSourceFactory.class.getClassLoader());
            return (Map<String, String>)
                    server.getMethod("ensureStarted", boolean.class).invoke(null, testRun);
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException(
                    "No JDBC URL is configured and the embedded PostgreSQL server is not on the"
                            + " class path. Set QUARKUS_DATASOURCE_JDBC_URL, or run through Maven (dev mode or tests).",
                    e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL server: " + e.getCause(), e);
        }
    }
}
