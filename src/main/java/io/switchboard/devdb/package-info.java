/** The embedded PostgreSQL that dev mode and tests start when no database is configured. */
package io.switchboard.devdb;
