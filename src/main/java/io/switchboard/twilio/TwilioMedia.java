package io.switchboard.twilio;

import io.switchboard.common.ApiException;
import io.switchboard.tenant.TenantRules;
import io.switchboard.tenant.TwilioCredentials;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * A recording's audio from Twilio's REST API, with the tenant's credentials, streamed: the service
 * never holds more of it than one buffer. Only the configured Twilio REST base is ever requested: the
 * URL is built from the base, the tenant's account SID and the recording's SID, never from the
 * RecordingUrl a webhook carried (data from outside). A redirect is followed only within that base
 * (same scheme, host and port), so the credentials never go elsewhere; one to any other host is a
 * 502 and that host is not contacted. Connect and read timeouts are Twilio's (TwilioConfig).
 */
@ApplicationScoped
public class TwilioMedia {

    /** The two encodings Twilio serves a recording in. */
    public enum Format {
        MP3("mp3", "audio/mpeg"),
        WAV("wav", "audio/wav");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    /** Twilio's answer, open: the caller streams {@link #transferTo} and the connection is released after. */
    public static final class Media implements Closeable {
        private final ClassicHttpResponse response;
        private final String contentType;

        private Media(ClassicHttpResponse response, String contentType) {
            this.response = response;
            this.contentType = contentType;
        }

        /** 200, or 206 for a range. */
        public int status() {
            return response.getCode();
        }

        public String contentType() {
            return contentType;
        }

        /** A response header as Twilio sent it (Content-Length, Content-Range, Accept-Ranges), or null. */
        public String header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        /** Copies the audio, one buffer at a time, and releases the connection. */
        public void transferTo(OutputStream out) throws IOException {
            try (Closeable release = this;
                    InputStream in = response.getEntity().getContent()) {
                in.transferTo(out);
            }
        }

        @Override
        public void close() throws IOException {
            response.close();
        }

        /** Releases Twilio's connection; a no-op once the audio has been streamed. */
        public void closeQuietly() {
            TwilioMedia.closeQuietly(response);
        }
    }

    private static final Pattern RECORDING_SID = Pattern.compile("RE[0-9a-fA-F]{32}");
    /** One satisfiable byte range; anything else is ignored (RFC 9110 allows it) and the whole file sent. */
    private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d{1,15}-\\d{0,15}|-\\d{1,15})");

    private static final int MAX_REDIRECTS = 2;

    private final URI base;
    private final CloseableHttpClient http;

    TwilioMedia(TwilioConfig config) {
        String base = config.apiBaseUrl();
        this.base = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        Timeout connect = Timeout.of(config.connectTimeout());
        Timeout read = Timeout.of(config.responseTimeout());
        this.http = HttpClientBuilder.create()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(100)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(read)
                                .build())
                        .setDefaultSocketConfig(
                                SocketConfig.custom().setSoTimeout(read).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .build();
    }

    /**
     * Opens the recording's audio; {@code range} is the client's Range header (or null). Twilio's
     * refusals, failures and timeouts are a 502; a range beyond the end a 416.
     */
    public Media open(TwilioCredentials credentials, String recordingSid, Format format, String range) {
        if (!TenantRules.ACCOUNT_SID_FORMAT.matcher(credentials.accountSid()).matches()
                || !RECORDING_SID.matcher(recordingSid).matches()) {
            throw TwilioFailure.mediaUnavailable("the account or recording SID is malformed");
        }
        URI target = URI.create(base + "/2010-04-01/Accounts/" + credentials.accountSid() + "/Recordings/"
                + recordingSid + "." + format.extension);
        String authorization = "Basic "
                + Base64.getEncoder()
                        .encodeToString((credentials.basicUser() + ":" + credentials.basicPassword())
                                .getBytes(StandardCharsets.UTF_8));
        String sentRange = range != null && SINGLE_RANGE.matcher(range.trim()).matches() ? range.trim() : null;
        for (int redirects = 0; ; redirects++) {
            HttpGet get = new HttpGet(target);
            get.setHeader("Authorization", authorization);
            if (sentRange != null) {
                get.setHeader("Range", sentRange);
            }
            ClassicHttpResponse response = execute(get);
            int status = response.getCode();
            if (status == 200 || status == 206) {
                return new Media(response, contentType(format, response));
            }
            String location = header(response, "Location");
            closeQuietly(response);
            if (status == 416) {
                throw new ApiException.RangeNotSatisfiable(
                        "The range " + sentRange + " lies outside the recording", header(response, "Content-Range"));
            }
            if (status >= 300 && status < 400 && location != null && redirects < MAX_REDIRECTS) {
                URI next = target.resolve(location);
                if (!sameOrigin(next)) {
                    throw TwilioFailure.mediaUnavailable(
                            "Twilio redirected the media to another host, which this" + " service does not contact");
                }
                target = next;
                continue;
            }
            throw TwilioFailure.mediaUnavailable("Twilio answered " + status
                    + (status == 401 || status == 403 ? " (the tenant's Twilio credentials were refused)" : "")
                    + (status == 404 ? " (Twilio has no media for this recording)" : ""));
        }
    }

    private ClassicHttpResponse execute(HttpGet get) {
        try {
            return http.executeOpen(null, get, null);
        } catch (SocketTimeoutException e) {
            throw TwilioFailure.mediaUnavailable("Twilio did not answer in time");
        } catch (IOException e) {
            throw TwilioFailure.mediaUnavailable(
                    "Twilio could not be reached (" + e.getClass().getSimpleName() + ")");
        }
    }

    private boolean sameOrigin(URI uri) {
        return base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost() != null
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && port(base) == port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * The media type is the format's, whatever else Twilio's header says, except that WAV keeps
     * Twilio's own audio/x-wav: nothing but audio ever goes out under this service's origin.
     */
    private static String contentType(Format format, ClassicHttpResponse response) {
        String sent = header(response, "Content-Type");
        String type = sent == null ? "" : sent.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return format == Format.WAV && type.equals("audio/x-wav") ? type : format.mediaType;
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // The connection is discarded either way.
        }
    }

    @PreDestroy
    void shutdown() throws IOException {
        http.close();
    }
}
