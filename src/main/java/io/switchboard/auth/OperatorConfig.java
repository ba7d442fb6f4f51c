package io.switchboard.auth;

import io.smallrye.config.ConfigMapping;
import io.switchboard.common.StartupRefusal;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** The operator's credential for /admin: only its SHA-256 is configured, never the token. */
@ConfigMapping(prefix = "switchboard.ops")
public interface OperatorConfig {

    String VARIABLE = "SWITCHBOARD_OPS_TOKEN_SHA256";
    Pattern LOWER_HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Lowercase hex SHA-256 of the operator's bearer token ({@value #VARIABLE}). */
    Optional<String> tokenSha256();

    /** The configured digest, or a start-up failure that names the variable and what is wrong. */
    default byte[] requiredTokenDigest() {
        String value = tokenSha256()
                .orElseThrow(() -> new StartupRefusal(VARIABLE
                        + " is not set: give it the lowercase hex SHA-256 of the operator token,"
                        + " printf %s \"$TOKEN\" | sha256sum | cut -d' ' -f1"));
        if (!LOWER_HEX_SHA256.matcher(value).matches()) {
            throw new StartupRefusal(VARIABLE + " must be 64 lowercase hex characters (a SHA-256 digest),"
                    + " printf %s \"$TOKEN\" | sha256sum | cut -d' ' -f1");
        }
        return HexFormat.of().parseHex(value);
    }
}
