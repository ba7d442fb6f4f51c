package io.switchboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.twilio.security.RequestValidator;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    private static final String TOKEN = "12345";
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String PUBLISHED_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private final TwilioSignatureValidator validator = new TwilioSignatureValidator();

    private static Map<String, String> publishedParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("Caller", "+12349013030");
        params.put("Digits", "1234");
        params.put("From", "+12349013030");
        params.put("To", "+18005551212");
        return params;
    }

    private static Map<String, List<String>> multi(Map<String, String> params) {
        return params.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    @Test
    void testSignerReproducesTwiliosPublishedExample() {
        assertThat(WebhookSimulator.signature(URL, publishedParams(), TOKEN)).isEqualTo(PUBLISHED_SIGNATURE);
    }

    @Test
    void validatorAcceptsTwiliosPublishedExampleAndNothingElse() {
        assertThat(validator.isValid(URL, multi(publishedParams()), TOKEN, PUBLISHED_SIGNATURE))
                .isTrue();
        assertThat(validator.isValid(URL, multi(publishedParams()), "54321", PUBLISHED_SIGNATURE))
                .isFalse();
        Map<String, String> altered = publishedParams();
        altered.put("Digits", "1235");
        assertThat(validator.isValid(URL, multi(altered), TOKEN, PUBLISHED_SIGNATURE))
                .isFalse();
        assertThat(validator.isValid(
                        URL.replace("foo=1", "foo=2"), multi(publishedParams()), TOKEN, PUBLISHED_SIGNATURE))
                .isFalse();
        assertThat(validator.isValid(URL, multi(publishedParams()), TOKEN, null))
                .isFalse();
        assertThat(validator.isValid(URL, multi(publishedParams()), TOKEN, "")).isFalse();
    }

    @Test
    void theDefaultPortMayBePresentOnOneSideOnly() {
        String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        String signedWithPort = WebhookSimulator.signature(withPort, publishedParams(), TOKEN);
        assertThat(validator.isValid(URL, multi(publishedParams()), TOKEN, signedWithPort))
                .isTrue();
        assertThat(validator.isValid(withPort, multi(publishedParams()), TOKEN, PUBLISHED_SIGNATURE))
                .isTrue();
        String otherPort = "https://mycompany.com:8443/myapp.php?foo=1&bar=2";
        assertThat(validator.isValid(otherPort, multi(publishedParams()), TOKEN, PUBLISHED_SIGNATURE))
                .isFalse();
    }

    @Test
    void anEncodedQueryStringIsCheckedAsSentEvenWhenThePortChanges() {
        String signedUrl = "https://calls.example.com/webhooks/twilio/voice?next=a%3Ab&name=O%27Brien";
        String signature = WebhookSimulator.signature(signedUrl, publishedParams(), TOKEN);
        String receivedWithPort = "https://calls.example.com:443/webhooks/twilio/voice?next=a%3Ab&name=O%27Brien";
        assertThat(validator.isValid(receivedWithPort, multi(publishedParams()), TOKEN, signature))
                .isTrue();
        String decoded = "https://calls.example.com/webhooks/twilio/voice?next=a:b&name=O'Brien";
        assertThat(validator.isValid(decoded, multi(publishedParams()), TOKEN, signature))
                .isFalse();
    }

    @Test
    void portVariantsHandleIpv6AndPlainHttp() {
        assertThat(TwilioSignatureValidator.urlVariants("http://[::1]/x"))
                .containsExactly("http://[::1]/x", "http://[::1]:80/x");
        assertThat(TwilioSignatureValidator.urlVariants("http://[::1]:80/x"))
                .containsExactly("http://[::1]:80/x", "http://[::1]/x");
        assertThat(TwilioSignatureValidator.urlVariants("https://h.example:8443/x"))
                .containsExactly("https://h.example:8443/x");
    }

    @Test
    void aSignatureOverTheCallbackUrlWithItsConnectionOverridesIsAcceptedAsIsOneWithout() {
        String received = "https://calls.example.com/webhooks/twilio/call-status";
        String handedToTwilio = received + "#rc=5&rp=ct,rt,5xx&ct=3000&rt=6000&tt=15000";
        String signedWithFragment = WebhookSimulator.signature(handedToTwilio, publishedParams(), TOKEN);
        // The test signer agrees with Twilio's own helper library over a URL with a fragment.
        assertThat(new RequestValidator(TOKEN).validate(handedToTwilio, publishedParams(), signedWithFragment))
                .isTrue();
        assertThat(validator.isValid(received, multi(publishedParams()), TOKEN, signedWithFragment))
                .isTrue();
        String signedWithout = WebhookSimulator.signature(received, publishedParams(), TOKEN);
        assertThat(validator.isValid(received, multi(publishedParams()), TOKEN, signedWithout))
                .isTrue();
        // Only the fragment Switchboard hands out, not any fragment a caller would like.
        String otherFragment = WebhookSimulator.signature(received + "#rc=1", publishedParams(), TOKEN);
        assertThat(validator.isValid(received, multi(publishedParams()), TOKEN, otherFragment))
                .isFalse();
        // And with the default port added by a proxy on the way.
        assertThat(validator.isValid(
                        "https://calls.example.com:443/webhooks/twilio/call-status",
                        multi(publishedParams()),
                        TOKEN,
                        signedWithFragment))
                .isTrue();
    }
}
