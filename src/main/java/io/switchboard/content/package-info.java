/** A tenant's texts: greetings spoken to callers, SMS templates, scripts. */
package io.switchboard.content;
