package io.switchboard.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * twilio-java's HTTP client with bounded timeouts, no automatic retries and no redirects (a
 * retried "create call" could place a second, billed call: httpclient5 by default re-sends even a
 * POST after a 429 or 503), and an optional base URL in place of api.twilio.com, since the SDK has
 * no setting for one.
 *
 * <p>It also keeps, per thread, the last answer it received, so that when twilio-java cannot map a
 * 2xx answer Switchboard can still read the SID of what Twilio created from the raw JSON.
 */
final class TwilioHttpClient extends NetworkHttpClient {

    /** An answer as Twilio sent it, with its Retry-After (in seconds) when it had one. */
    record RawAnswer(int status, String body, String retryAfter) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    private static final ThreadLocal<RawAnswer> LAST_ANSWER = new ThreadLocal<>();

    private final String baseUrl;

    TwilioHttpClient(TwilioConfig config) {
        super(builder(config));
        String base = config.apiBaseUrl();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static HttpClientBuilder builder(TwilioConfig config) {
        Timeout connect = Timeout.of(config.connectTimeout());
        Timeout response = Timeout.of(config.responseTimeout());
        return HttpClientBuilder.create()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(50)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                .build())
                        // The classic client's socket read timeout is what bounds a silent Twilio.
                        .setDefaultSocketConfig(
                                SocketConfig.custom().setSoTimeout(response).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(response)
                        .setRedirectsEnabled(false)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling();
    }

    /** Forgets the thread's last answer: call before a request whose answer may be needed. */
    static void clearLastAnswer() {
        LAST_ANSWER.remove();
    }

    /** The last answer this thread received since {@link #clearLastAnswer()}. */
    static Optional<RawAnswer> lastAnswer() {
        return Optional.ofNullable(LAST_ANSWER.get());
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
        Request target = TwilioConfig.TWILIO_API.equals(baseUrl) || !url.startsWith(TwilioConfig.TWILIO_API)
                ? request
                : redirected(request, baseUrl + url.substring(TwilioConfig.TWILIO_API.length()));
        Response response = super.makeRequest(target);
        String body;
        try (InputStream in = response.getStream()) {
            body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiConnectionException("Reading Twilio's answer failed: " + e.getMessage(), e);
        }
        String retryAfter = response.getHeaders() == null
                ? null
                : Arrays.stream(response.getHeaders())
                        .filter(header -> header.getName().equalsIgnoreCase("Retry-After"))
                        .map(Header::getValue)
                        .findFirst()
                        .orElse(null);
        LAST_ANSWER.set(new RawAnswer(response.getStatusCode(), body, retryAfter));
        return new Response(body, response.getStatusCode(), response.getHeaders());
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

    private static void copyParams(Map<String, List<String>> params, BiConsumer<String, String> add) {
        params.forEach((name, values) -> values.forEach(value -> add.accept(name, value)));
    }
}
