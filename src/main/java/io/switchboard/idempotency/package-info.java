/**
 * Idempotency-Key on the tenant API's POSTs: a retried request replays the first one's answer and
 * does nothing again; kept per tenant and caller in PostgreSQL, so it holds across instances and
 * restarts.
 */
package io.switchboard.idempotency;
