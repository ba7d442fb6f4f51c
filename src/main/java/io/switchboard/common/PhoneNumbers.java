package io.switchboard.common;

/** The one phone-number format the API accepts: E.164, as Twilio wants it (the schema's CHECKs agree). */
public final class PhoneNumbers {

    public static final String E164 = "^\\+[1-9][0-9]{6,14}$";
    public static final String E164_MESSAGE = "must be an E.164 number such as +14155550100";

    private PhoneNumbers() {}
}
