package io.switchboard.common;

/**
 * A reason to refuse a start, contributed by the feature that knows it (the keyring, the operator
 * token, the JWT keys, the database login, the public URL, the stored secrets). {@link StartupChecks}
 * runs them in stage order: what needs no database before anything touches it, the database
 * login's rights before migrations, stored data after them. A check refuses by throwing
 * {@link StartupRefusal} with one line that names the fix.
 */
public interface StartupCheck {

    enum Stage {
        /** Configuration alone: nothing has touched the database yet. */
        CONFIGURATION,
        /** The database logins, before any migration runs. */
        DATABASE_LOGINS,
        /** What is stored, once the schema is current. */
        STORED_DATA
    }

    Stage stage();

    void check();
}
