package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The answers are remembered; each must still reflect every one of its inputs. */
class TwimlTest {

    private static final String CALLBACK = "https://calls.example.com/webhooks/twilio/recording-status";

    @Test
    void forwardsWithRecordingFromAnswerWhenAsked() {
        assertThat(Twiml.incomingCall(null, "+14155550123", true, CALLBACK))
                .contains("<Dial record=\"record-from-answer-dual\" recordingStatusCallback=\"" + CALLBACK + "\">"
                        + "<Number>+14155550123</Number></Dial>")
                .doesNotContain("<Say");
        assertThat(Twiml.incomingCall(null, "+14155550123", false, CALLBACK))
                .contains("<Dial><Number>+14155550123</Number></Dial>");
    }

    @Test
    void takesAVoicemailWhenThereIsNoForwardingNumber() {
        assertThat(Twiml.incomingCall(null, null, true, CALLBACK))
                .contains("<Record maxLength=\"300\" playBeep=\"true\" recordingStatusCallback=\"" + CALLBACK + "\"/>");
    }

    @Test
    void greetsWithTheGreetingEscaped() {
        assertThat(Twiml.incomingCall("Hi <you> & co", null, false, CALLBACK))
                .contains("<Say>Hi &lt;you&gt; &amp; co</Say>");
        assertThat(Twiml.incomingCall("  ", null, false, CALLBACK)).doesNotContain("<Say");
    }

    @Test
    void aRememberedAnswerIsTheSameAnswerAndAnyChangedInputGivesANewOne() {
        String first = Twiml.incomingCall("Welcome", "+14155550123", true, CALLBACK);
        assertThat(Twiml.incomingCall("Welcome", "+14155550123", true, CALLBACK))
                .isSameAs(first);
        assertThat(Twiml.incomingCall("Welcome back", "+14155550123", true, CALLBACK))
                .contains("Welcome back");
        assertThat(Twiml.incomingCall("Welcome", "+14155550124", true, CALLBACK))
                .contains("+14155550124");
        assertThat(Twiml.incomingCall("Welcome", "+14155550123", true, "https://other.example.com/cb"))
                .contains("https://other.example.com/cb");
    }

    @Test
    void answersAnSmsWithAnEmptyResponse() {
        assertThat(Twiml.emptyMessagingResponse()).endsWith("<Response/>");
    }
}
