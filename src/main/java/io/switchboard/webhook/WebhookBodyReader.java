package io.switchboard.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.switchboard.common.RouteRefusal;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads a webhook's whole body on the event loop, before the request is handed to a worker
 * thread. Without it, a blocking resource method reads its {@code byte[]} body through a stream
 * that parks the worker until the event loop hands each chunk across under a shared monitor:
 * measured with JFR under webhook load, that hand-over was a fifth of the service's CPU samples.
 * With the body already in memory, REST reads it from there ({@code RoutingContext.body()}); this
 * holds for the blocking methods of {@link TwilioWebhookResource}, which all take the raw body.
 *
 * <p>What the blocking stream bounded, this bounds too: a body is at most {@link
 * WebhookGate#MAX_BODY_BYTES} (Twilio's are a few KiB), so a body that declares or grows past it
 * is refused (413, problem JSON) before any signature is checked, and never buffered; and the
 * whole body must arrive within {@code quarkus.http.read-timeout} of its headers (408: a deadline
 * for the body, where the stream's timeout bounded each wait). Both close the connection. HTTP/2 and
 * HTTP/1.0 keep REST's own reading (see {@link #read}).
 */
@ApplicationScoped
class WebhookBodyReader {

    /** Twilio's bodies are one to three KiB. */
    private static final int TYPICAL_BODY_BYTES = 4096;

    private final long maxBodyBytes;
    private final long readTimeoutMillis;
    private final ObjectMapper json;

    WebhookBodyReader(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody,
            @ConfigProperty(name = "quarkus.http.read-timeout", defaultValue = "60s") Duration readTimeout,
            ObjectMapper json) {
        this.maxBodyBytes = Math.min(maxBody.asLongValue(), WebhookGate.MAX_BODY_BYTES);
        this.readTimeoutMillis = Math.max(1, readTimeout.toMillis());
        this.json = json;
    }

    void install(@Observes Router router) {
        router.post("/webhooks/twilio/*")
                .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1)
                .handler(this::read);
    }

    private void read(RoutingContext context) {
        HttpServerRequest request = context.request();
        // REST pauses every request it takes over, which HTTP/2 refuses once the request has ended;
        // Twilio calls webhooks over HTTP/1.1.
        if (request.isEnded() || request.version() != HttpVersion.HTTP_1_1) {
            context.next();
            return;
        }
        long declared = RouteRefusal.declaredLength(request);
        if (declared > maxBodyBytes) {
            tooLarge(context);
            return;
        }
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue();
        }
        // Grown as bytes arrive: a declared length alone reserves no more than a typical body.
        Buffer body = Buffer.buffer((int) Math.min(Math.max(0, declared), TYPICAL_BODY_BYTES));
        long deadline = context.vertx().setTimer(readTimeoutMillis, fired -> {
            if (!answered(context)) {
                RouteRefusal.refuse(
                        context, json, 408, "Request Timeout", "The request body did not arrive in time", true);
            }
        });
        request.handler(chunk -> {
            if (answered(context)) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                context.vertx().cancelTimer(deadline);
                tooLarge(context);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            context.vertx().cancelTimer(deadline);
            // A client gone mid-body (closed or reset) is owed no answer; anything else is a body
            // that cannot be read.
            if (!answered(context) && !(failure instanceof HttpClosedException || failure instanceof IOException)) {
                RouteRefusal.refuse(context, json, 400, "Bad Request", "The request body could not be read", true);
            }
        });
        request.endHandler(ended -> {
            context.vertx().cancelTimer(deadline);
            if (!answered(context)) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    private static boolean answered(RoutingContext context) {
        return context.failed() || context.response().ended();
    }

    private void tooLarge(RoutingContext context) {
        RouteRefusal.refuse(
                context,
                json,
                413,
                "Content Too Large",
                "Webhook bodies are limited to " + maxBodyBytes + " bytes",
                true);
    }
}
