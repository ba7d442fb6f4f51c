package io.switchboard.common;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The service must not start as configured. Quarkus prints a configuration exception's message
 * alone, without a stack trace, so the operator sees one line naming what to fix.
 */
public class StartupRefusal extends ConfigurationException {

    public StartupRefusal(String message) {
        super(message);
    }
}
