package io.switchboard.event;

import io.switchboard.event.DeliveryLedger.Outcome;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one signed event to a tenant's endpoint: through {@link EndpointAddresses} as the DNS
 * resolver (the address dialled is the address checked), never through a proxy, never following
 * a redirect, the whole exchange bounded by the configured timeout (15 s) however slowly the
 * endpoint trickles its answer, and only the answer's first kilobyte read.
 */
@ApplicationScoped
class DeliverySender {

    static final int EXCERPT_BYTES = 1024;

    /** What the receiver is sent besides the body. */
    record Signed(String eventId, long timestampSeconds, String signature) {}

    private final CloseableHttpClient client;
    private final Duration timeout;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread thread = new Thread(work, "event-delivery-deadlines");
        thread.setDaemon(true);
        return thread;
    });

    DeliverySender(EventsConfig config, EndpointAddresses addresses) {
        this.timeout = config.timeout();
        Timeout connect = Timeout.of(config.connectTimeout());
        Timeout whole = Timeout.of(config.timeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(addresses)
                        .setMaxConnTotal(config.senders() * 2)
                        .setMaxConnPerRoute(2)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(whole)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(connect)
                        .setResponseTimeout(whole)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent("Switchboard-Webhooks/1.0")
                .build();
    }

    Outcome send(String url, String payload, Signed signed) {
        long started = System.nanoTime();
        HttpPost post = new HttpPost(URI.create(url));
        post.setHeader("webhook-id", signed.eventId());
        post.setHeader("webhook-timestamp", Long.toString(signed.timestampSeconds()));
        post.setHeader("webhook-signature", signed.signature());
        post.setEntity(new StringEntity(payload, ContentType.APPLICATION_JSON));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(
                () -> {
                    timedOut.set(true);
                    post.cancel();
                },
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        CloseableHttpResponse response = null;
        try {
            response = client.execute(post);
            String excerpt = excerpt(response.getEntity(), post);
            int status = response.getCode();
            if (timedOut.get()) {
                return new Outcome(status, noAnswerInTime(), excerpt, took(started));
            }
            return new Outcome(status, status / 100 == 2 ? null : "HTTP " + status, excerpt, took(started));
        } catch (EndpointAddresses.ForbiddenAddressException e) {
            return new Outcome(null, "Refused to connect: the endpoint's host " + e.getMessage(), null, took(started));
        } catch (UnknownHostException e) {
            return new Outcome(null, "The endpoint's host does not resolve", null, took(started));
        } catch (IOException | RuntimeException e) {
            String error = timedOut.get()
                    ? noAnswerInTime()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return new Outcome(null, error, null, took(started));
        } finally {
            deadline.cancel(false);
            closeQuietly(response);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException alreadyAborted) {
            // The exchange was aborted on purpose (answer too long, or too slow): nothing to release.
        }
    }

    private String noAnswerInTime() {
        return "No complete answer within " + timeout.toSeconds() + " s";
    }

    /**
     * The first kilobyte of the answer. A longer answer is not read on: the exchange is aborted, so
     * closing it drops the connection instead of draining whatever the endpoint still sends.
     */
    private static String excerpt(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return null;
        }
        InputStream in = entity.getContent();
        byte[] head;
        try {
            head = in.readNBytes(EXCERPT_BYTES);
            if (head.length == EXCERPT_BYTES && in.read() != -1) {
                post.cancel();
            }
        } finally {
            closeQuietly(in);
        }
        return head.length == 0 ? null : new String(head, StandardCharsets.UTF_8);
    }

    private static Duration took(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @PreDestroy
    void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
