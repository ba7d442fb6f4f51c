/**
 * What every feature shares, and nothing that knows a feature: the tenant-owned entity base, the one
 * error shape (RFC 9457, {@link io.switchboard.common.ProblemMapper}), strict JSON, keyset lists, the
 * start-up check mechanism each feature contributes to, and the one way of reaching the database:
 *
 * <ol>
 *   <li><b>Entity finders by default.</b> Active Record Panache: static finders on the entity, each
 *       taking the tenant ({@code Call.findForTenant(tenantId, id)}); the query strings live in the
 *       entity, not in services. Lists go through {@link io.switchboard.common.Keyset}.
 *   <li><b>{@link io.switchboard.common.Jdbc} for what Hibernate cannot say</b>: upserts with
 *       {@code ON CONFLICT ... RETURNING}, calls of database functions, aggregate reports. It runs on
 *       the current transaction's connection, so row-level security and the tenant context apply.
 *   <li><b>{@link io.switchboard.tenant.TenantDirectory} alone for lookups across tenants</b>, through
 *       the database's {@code SECURITY DEFINER} functions.
 * </ol>
 *
 * <p>Two places reach the pool directly, each for a reason: the start-up checks of the database
 * login (they run before Hibernate starts, right before migrations) and the dead-connection sweep.
 */
package io.switchboard.common;
