package io.switchboard.twilio;

/**
 * Reading a tenant's records back from Twilio failed: refused (bad credentials, a suspended
 * account), unreachable, too slow, or an answer that could not be read. The message says which, in
 * words fit for an operator's status page; it never carries a credential or a record.
 */
public class TwilioReadFailure extends RuntimeException {

    private static final int MAX_MESSAGE = 500;

    private final Integer twilioCode;

    TwilioReadFailure(Integer twilioCode, String message) {
        super(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
        this.twilioCode = twilioCode;
    }

    /** The read-side wording of what the gateway concluded about a failed request. */
    static TwilioReadFailure of(TwilioFailure failure, RuntimeException cause) {
        Integer code = cause instanceof com.twilio.exception.ApiException refused ? refused.getCode() : null;
        String message =
                switch (failure.status()) {
                    case 504 -> "Twilio did not answer in time";
                    default -> code != null
                            ? "Twilio refused to list the account's records (error " + code + "): " + cause.getMessage()
                            : failure.getMessage();
                };
        return new TwilioReadFailure(code, message);
    }

    /** Twilio's error code (20003: the credentials were refused), when Twilio gave one. */
    public Integer twilioCode() {
        return twilioCode;
    }
}
