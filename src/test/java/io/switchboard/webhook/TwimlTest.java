package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The answers are remembered; each must still reflect every one of its inputs. */
class TwimlTest {

    private static final String CALLBACK =
            "https://calls.example.com/webhooks/twilio/recording-status#rc=5&rp=ct,rt,5xx&ct=3000&rt=6000&tt=15000";
    private static final String CALLBACK_IN_XML = CALLBACK.replace("&", "&amp;");
    private static final String VOICE = "https://calls.example.com/webhooks/twilio/voice";

    @Test
    void forwardsWithRecordingFromAnswerWhenAsked() {
        assertThat(Twiml.incomingCall(null, "+14155550123", true, CALLBACK, VOICE))
                .contains("<Dial record=\"record-from-answer-dual\" recordingStatusCallback=\"" + CALLBACK_IN_XML
                        + "\">" + "<Number>+14155550123</Number></Dial>")
                .doesNotContain("<Say");
        assertThat(Twiml.incomingCall(null, "+14155550123", false, CALLBACK, VOICE))
                .contains("<Dial><Number>+14155550123</Number></Dial>");
    }

    @Test
    void takesAVoicemailWhenThereIsNoForwardingNumber() {
        assertThat(Twiml.incomingCall(null, null, true, CALLBACK, VOICE))
                .contains("<Record action=\"" + VOICE
                        + "\" maxLength=\"300\" playBeep=\"true\" recordingStatusCallback=\"" + CALLBACK_IN_XML
                        + "\"/>");
    }

    @Test
    void aVoicemailEndsTheCall() {
        assertThat(Twiml.hangUp()).endsWith("<Response><Hangup/></Response>");
    }

    @Test
    void greetsWithTheGreetingEscaped() {
        assertThat(Twiml.incomingCall("Hi <you> & co", null, false, CALLBACK, VOICE))
                .contains("<Say>Hi &lt;you&gt; &amp; co</Say>");
        assertThat(Twiml.incomingCall("  ", null, false, CALLBACK, VOICE)).doesNotContain("<Say");
    }

    @Test
    void aRememberedAnswerIsTheSameAnswerAndAnyChangedInputGivesANewOne() {
        String first = Twiml.incomingCall("Welcome", "+14155550123", true, CALLBACK, VOICE);
        assertThat(Twiml.incomingCall("Welcome", "+14155550123", true, CALLBACK, VOICE))
                .isSameAs(first);
        assertThat(Twiml.incomingCall("Welcome back", "+14155550123", true, CALLBACK, VOICE))
                .contains("Welcome back");
        assertThat(Twiml.incomingCall("Welcome", "+14155550124", true, CALLBACK, VOICE))
                .contains("+14155550124");
        assertThat(Twiml.incomingCall("Welcome", "+14155550123", true, "https://other.example.com/cb", VOICE))
                .contains("https://other.example.com/cb");
    }

    @Test
    void answersAnSmsWithAnEmptyResponse() {
        assertThat(Twiml.emptyMessagingResponse()).endsWith("<Response/>");
    }
}
