package io.switchboard.auth;

import io.switchboard.common.Hashing;
import io.switchboard.common.StartupCheck;
import io.switchboard.common.StartupRefusal;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;

/**
 * The operator token's digest must be configured, well-formed, and not the digest of the empty
 * string: no request carries an empty bearer token, so every /admin call would be refused and
 * nobody could operate the service, with no word of it at start.
 */
@ApplicationScoped
class OperatorTokenCheck implements StartupCheck {

    private final OperatorConfig operator;

    OperatorTokenCheck(OperatorConfig operator) {
        this.operator = operator;
    }

    @Override
    public Stage stage() {
        return Stage.CONFIGURATION;
    }

    @Override
    public void check() {
        if (MessageDigest.isEqual(operator.requiredTokenDigest(), Hashing.sha256(""))) {
            throw new StartupRefusal(
                    OperatorConfig.VARIABLE + " is the SHA-256 of an empty token: make a token"
                            + " (openssl rand -hex 32) and set the variable to printf %s \"$TOKEN\" | sha256sum | cut -d' ' -f1");
        }
    }
}
