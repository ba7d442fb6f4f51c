/** SMS and MMS: sent through a tenant's Twilio account or received on its number. */
package io.switchboard.message;
