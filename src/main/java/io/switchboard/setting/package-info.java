/** A tenant's telephony preferences (recording, forwarding, paid-action caps). */
package io.switchboard.setting;
