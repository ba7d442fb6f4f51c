/** Encryption at rest of Twilio secrets: AES-256-GCM through BouncyCastle, with key ids and bound fields. */
package io.switchboard.crypto;
