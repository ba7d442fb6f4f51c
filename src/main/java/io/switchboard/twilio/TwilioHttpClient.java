package io.switchboard.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

import java.util.List;
import java.util.Map;

/**
 * twilio-java's HTTP client with bounded timeouts, no automatic retries (a retried "create call"
 * could place a second, billed call), and an optional base URL in place of api.twilio.com, since
 * the SDK has no setting for one.
 */
final class TwilioHttpClient extends NetworkHttpClient {

    private final String baseUrl;

    TwilioHttpClient(TwilioConfig config) {
        super(RequestConfig.custom()
                        .setConnectTimeout(Timeout.of(config.connectTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(config.connectTimeout()))
                        .setResponseTimeout(Timeout.of(config.responseTimeout()))
                        .build(),
                // The classic client's socket read timeout is what bounds a silent Twilio.
                SocketConfig.custom().setSoTimeout(Timeout.of(config.responseTimeout())).build());
        String base = config.apiBaseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return makeRequest(request);
    }

    @Override
    public Response makeRequest(Request request) {
        String url = request.getUrl();
        if (TwilioConfig.TWILIO_API.equals(baseUrl) || !url.startsWith(TwilioConfig.TWILIO_API)) {
            return super.makeRequest(request);
        }
        return super.makeRequest(redirected(request, baseUrl + url.substring(TwilioConfig.TWILIO_API.length())));
    }

    private static Request redirected(Request original, String url) {
        Request copy = new Request(original.getMethod(), url);
        copyParams(original.getQueryParams(), copy::addQueryParam);
        copyParams(original.getPostParams(), copy::addPostParam);
        copyParams(original.getHeaderParams(), copy::addHeaderParam);
        if (original.getAuthStrategy() != null) {
            copy.setAuth(original.getAuthStrategy());
        } else if (original.getUsername() != null) {
            copy.setAuth(original.getUsername(), original.getPassword());
        }
        if (original.getContentType() != null) {
            copy.setContentType(original.getContentType());
        }
        if (original.getBody() != null) {
            copy.setBody(original.getBody());
        }
        return copy;
    }

    private static void copyParams(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
