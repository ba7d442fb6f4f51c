package io.switchboard.auth;

import io.quarkus.runtime.LaunchMode;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.switchboard.common.StartupCheck;
import io.switchboard.common.StartupRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Production brings its own JWT key pair (dev and tests generate one). Both keys must be readable
 * and form a pair: a token signed with the private key is verified with the public one now, at
 * start, instead of every login failing later.
 */
@ApplicationScoped
class JwtKeysCheck implements StartupCheck {

    private static final String SIGN = "SMALLRYE_JWT_SIGN_KEY_LOCATION";
    private static final String VERIFY = "MP_JWT_VERIFY_PUBLICKEY_LOCATION";

    private final Optional<String> signKeyLocation;
    private final Optional<String> verifyKeyLocation;
    private final JWTParser parser;

    JwtKeysCheck(
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> verifyKeyLocation,
            JWTParser parser) {
        this.signKeyLocation = signKeyLocation;
        this.verifyKeyLocation = verifyKeyLocation;
        this.parser = parser;
    }

    @Override
    public Stage stage() {
        return Stage.CONFIGURATION;
    }

    @Override
    public void check() {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        requireReadable(SIGN, signKeyLocation, "the private key");
        requireReadable(VERIFY, verifyKeyLocation, "the public key");
        String probe;
        try {
            probe = Jwt.issuer(DashboardToken.ISSUER)
                    .subject("start-up check")
                    .expiresIn(60)
                    .sign();
        } catch (RuntimeException e) {
            throw new StartupRefusal(SIGN + " (" + signKeyLocation.get() + ") is not a usable RSA private key in PEM");
        }
        try {
            parser.parse(probe);
        } catch (ParseException e) {
            throw new StartupRefusal(SIGN + " and " + VERIFY + " do not form a key pair: a token signed with the"
                    + " private key does not verify with the public key");
        }
    }

    private static void requireReadable(String variable, Optional<String> location, String what) {
        if (location.isEmpty() || location.get().isBlank()) {
            throw new StartupRefusal(variable + " is not set: point it at " + what + " of the dashboard's JWT pair"
                    + " (README, \"Secrets, once\")");
        }
        Optional<Path> file = fileOf(location.get());
        if (file.isPresent() && !Files.isReadable(file.get())) {
            throw new StartupRefusal(
                    variable + " points at " + file.get() + ", which does not exist or cannot be read");
        }
    }

    /** A plain path or a file: URI; classpath and http locations are left to the signing probe. */
    private static Optional<Path> fileOf(String location) {
        if (location.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(location)));
        }
        if (location.contains(":") && !location.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(location));
    }
}
