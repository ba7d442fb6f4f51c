package io.switchboard.webhook;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;

/** The TwiML Switchboard answers with, built with twilio-java's builders (escaping included). */
final class Twiml {

    static final String MEDIA_TYPE = "text/xml";
    /** Longest voicemail, in seconds. */
    private static final int VOICEMAIL_MAX_SECONDS = 300;

    private Twiml() {
    }

    /**
     * An incoming call: the tenant's greeting if it has one; then forward to {@code forwardTo}
     * (recorded from answer, both channels, when {@code record} is on), or take a voicemail.
     * Every recording reports to {@code recordingCallback}.
     */
    static String incomingCall(String greeting, String forwardTo, boolean record, String recordingCallback) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (greeting != null && !greeting.isBlank()) {
            response.say(new Say.Builder(greeting).build());
        }
        if (forwardTo != null) {
            Dial.Builder dial = new Dial.Builder().number(new Number.Builder(forwardTo).build());
            if (record) {
                dial.record(Dial.Record.RECORD_FROM_ANSWER_DUAL).recordingStatusCallback(recordingCallback);
            }
            response.dial(dial.build());
        } else {
            response.record(new Record.Builder()
                    .maxLength(VOICEMAIL_MAX_SECONDS)
                    .playBeep(true)
                    .recordingStatusCallback(recordingCallback)
                    .build());
        }
        return response.build().toXml();
    }

    /** Inbound SMS: stored, no automatic reply. */
    static String emptyMessagingResponse() {
        return new MessagingResponse.Builder().build().toXml();
    }
}
