package io.switchboard.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.switchboard.webhook.simulator.WebhookSimulator;
import java.util.Map;

/** Posts a Twilio webhook to the test server, signed (by the independent test signer) for a given public URL. */
public final class SignedWebhook {

    private SignedWebhook() {}

    public static String localBase() {
        return "http://localhost:" + RestAssured.port;
    }

    public static Response post(String pathAndQuery, Map<String, String> params, String authToken) {
        return post(localBase(), pathAndQuery, params, authToken, given());
    }

    /** Signs for {@code signedBase + pathAndQuery}; {@code request} carries any Host / X-Forwarded-* headers. */
    public static Response post(
            String signedBase,
            String pathAndQuery,
            Map<String, String> params,
            String authToken,
            RequestSpecification request) {
        return request
                // The path is sent exactly as given (already encoded), as Twilio sends the URL it signed.
                .urlEncodingEnabled(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", WebhookSimulator.signature(signedBase + pathAndQuery, params, authToken))
                .body(WebhookSimulator.formEncode(params))
                .post(pathAndQuery);
    }

    /**
     * Signs for the URL with a fragment (a callback URL with Twilio's connection overrides) and
     * posts without it: a fragment never leaves the client, whatever was signed.
     */
    public static Response postSignedWithFragment(
            String path, String fragment, Map<String, String> params, String authToken) {
        return given().urlEncodingEnabled(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .header(
                        "X-Twilio-Signature",
                        WebhookSimulator.signature(localBase() + path + fragment, params, authToken))
                .body(WebhookSimulator.formEncode(params))
                .post(path);
    }
}
