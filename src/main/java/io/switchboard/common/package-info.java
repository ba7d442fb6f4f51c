/** What every feature shares: the tenant-owned entity base, the one error shape, start-up checks. */
package io.switchboard.common;
