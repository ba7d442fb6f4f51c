/** Tenants, the per-request tenant context and its binding to PostgreSQL's row-level security. */
package io.switchboard.tenant;
