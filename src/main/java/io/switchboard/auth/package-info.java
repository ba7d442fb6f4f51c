/** Credentials: operator token, tenant API keys, dashboard logins and the identity they all produce. */
package io.switchboard.auth;
