package io.switchboard.webhook;

import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Record;
import com.twilio.twiml.voice.Say;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TwiML Switchboard answers with, built with twilio-java's builders (escaping included).
 *
 * <p>twilio-java renders through JAXP, looking up (in the jars) and creating a DOM builder and an
 * XSLT transformer on every call: profiled under load, about a tenth of the service's CPU per
 * incoming call. An answer depends only on the tenant's greeting, forwarding, recording setting
 * and callback URL, so each distinct answer is rendered once and then reused.
 */
final class Twiml {

    static final String MEDIA_TYPE = "text/xml";
    /** Longest voicemail, in seconds. */
    private static final int VOICEMAIL_MAX_SECONDS = 300;
    /** Distinct answers are few (one or two per tenant and host); the bound only guards memory. */
    private static final int MAX_REMEMBERED_ANSWERS = 10_000;

    private record CallAnswer(
            String greeting, String forwardTo, boolean record, String recordingCallback, String voicemailAction) {}

    private static final Map<CallAnswer, String> RENDERED_CALL_ANSWERS = new ConcurrentHashMap<>();
    private static final String EMPTY_MESSAGING_RESPONSE =
            new MessagingResponse.Builder().build().toXml();
    private static final String HANG_UP = new VoiceResponse.Builder()
            .hangup(new Hangup.Builder().build())
            .build()
            .toXml();

    private Twiml() {}

    /**
     * An incoming call: the tenant's greeting if it has one; then forward to {@code forwardTo}
     * (recorded from answer, both channels, when {@code record} is on), or take a voicemail.
     * Every recording reports to {@code recordingCallback}. A voicemail ends by asking for
     * {@code voicemailAction}: without an action, {@code <Record>} asks for the current document
     * again, and the caller would be greeted and recorded a second time.
     */
    static String incomingCall(
            String greeting, String forwardTo, boolean record, String recordingCallback, String voicemailAction) {
        if (RENDERED_CALL_ANSWERS.size() >= MAX_REMEMBERED_ANSWERS) {
            RENDERED_CALL_ANSWERS.clear();
        }
        return RENDERED_CALL_ANSWERS.computeIfAbsent(
                new CallAnswer(greeting, forwardTo, record, recordingCallback, voicemailAction), Twiml::render);
    }

    /** The end of a voicemail: the message is recorded, the call is over. */
    static String hangUp() {
        return HANG_UP;
    }

    /** Inbound SMS: stored, no automatic reply. */
    static String emptyMessagingResponse() {
        return EMPTY_MESSAGING_RESPONSE;
    }

    private static String render(CallAnswer answer) {
        VoiceResponse.Builder response = new VoiceResponse.Builder();
        if (answer.greeting() != null && !answer.greeting().isBlank()) {
            response.say(new Say.Builder(answer.greeting()).build());
        }
        if (answer.forwardTo() != null) {
            Dial.Builder dial = new Dial.Builder().number(new Number.Builder(answer.forwardTo()).build());
            if (answer.record()) {
                dial.record(Dial.Record.RECORD_FROM_ANSWER_DUAL).recordingStatusCallback(answer.recordingCallback());
            }
            response.dial(dial.build());
        } else {
            response.record(new Record.Builder()
                    .maxLength(VOICEMAIL_MAX_SECONDS)
                    .playBeep(true)
                    .recordingStatusCallback(answer.recordingCallback())
                    .action(answer.voicemailAction())
                    .build());
        }
        return response.build().toXml();
    }
}
