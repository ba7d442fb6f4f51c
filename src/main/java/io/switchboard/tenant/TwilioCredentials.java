package io.switchboard.tenant;

/**
 * A tenant's decrypted Twilio credentials, for the moment they are needed. {@link #toString()}
 * never shows the secrets, so a log line or exception message cannot leak them.
 */
public record TwilioCredentials(
        String accountSid, String authToken, String apiKeySid, String apiKeySecret, String phoneNumber) {

    /** Twilio accepts an API key pair or the account's own SID and auth token for HTTP Basic. */
    public String basicUser() {
        return apiKeySid != null ? apiKeySid : accountSid;
    }

    public String basicPassword() {
        return apiKeySid != null ? apiKeySecret : authToken;
    }

    @Override
    public String toString() {
        return "TwilioCredentials[accountSid=" + accountSid + ", apiKeySid=" + apiKeySid + ", secrets=<redacted>]";
    }
}
