/** A tenant's people who use the dashboard, with their roles. */
package io.switchboard.user;
