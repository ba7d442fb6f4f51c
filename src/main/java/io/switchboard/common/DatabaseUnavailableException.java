package io.switchboard.common;

/**
 * The database could not be reached or dropped the connection, so nothing was decided: the client
 * should retry shortly (503 with Retry-After), and must never be told "not found" or "invalid".
 */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
