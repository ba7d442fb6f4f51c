/** Calls: Twilio's call records and the sales team's log of them. */
package io.switchboard.call;
