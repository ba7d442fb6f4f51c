/** The audit trail of every change to tenant data, written by the database and read by the CEO. */
package io.switchboard.audit;
