package io.switchboard.content;

import io.switchboard.common.WireValue;
import io.switchboard.common.WireValueConverter;
import jakarta.persistence.Converter;

/** What a piece of content is for; the voice webhook speaks the newest active greeting. */
public enum ContentType implements WireValue {
    GREETING("greeting"),
    VOICEMAIL_PROMPT("voicemail_prompt"),
    SMS_TEMPLATE("sms_template"),
    CALL_SCRIPT("call_script"),
    EMAIL_TEMPLATE("email_template"),
    NOTE("note");

    private final String wire;

    ContentType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    @Converter(autoApply = true)
    public static class WireConverter extends WireValueConverter<ContentType> {
        public WireConverter() {
            super(ContentType.class);
        }
    }
}
