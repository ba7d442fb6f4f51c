/** Call recordings reported by Twilio. */
package io.switchboard.recording;
