package io.switchboard.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * A problem JSON answer written by a Vert.x route, before any REST error mapper could run: the
 * request limits' refusals, and a webhook body that cannot be read.
 *
 * <p>With {@code close}, the request's body is not kept and the connection does not serve another
 * request. It is not closed the moment the answer is out, though: a client still sending its body
 * (most send all of it before reading) would have its next write met by a TCP reset, which also
 * discards the answer waiting unread on its side, so it would see "broken pipe" instead of the
 * 413. Instead the rest of the body is read and thrown away, and the connection closes when the
 * body ends, or after {@link #LINGER} or {@link #LINGER_MAX_BYTES}, whichever comes first: the
 * lingering close web servers do for the same reason.
 */
public final class RouteRefusal {

    /** The longest a refused request's remaining body is read and discarded. */
    public static final Duration LINGER = Duration.ofSeconds(5);

    /** The most bytes of a refused request's body that are read and discarded. */
    static final long LINGER_MAX_BYTES = 8L * 1024 * 1024;

    private RouteRefusal() {}

    public static void refuse(
            RoutingContext context, ObjectMapper json, int status, String title, String detail, boolean close) {
        Problem problem = new Problem(
                "about:blank", title, status, detail, context.request().path(), null, null);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (!close) {
            response.end(body);
            return;
        }
        response.putHeader(HttpHeaders.CONNECTION, "close");
        HttpServerRequest request = context.request();
        HttpConnection connection = request.connection();
        long lingering = context.vertx().setTimer(LINGER.toMillis(), expired -> connection.close());
        Runnable closeNow = () -> {
            context.vertx().cancelTimer(lingering);
            connection.close();
        };
        Future<Void> answered;
        if (request.isEnded()) {
            answered = response.end(body);
        } else {
            // Set before the answer is written: from here on, every byte of the body is discarded.
            long[] discarded = {0};
            request.handler(chunk -> {
                discarded[0] += chunk.length();
                if (discarded[0] > LINGER_MAX_BYTES) {
                    closeNow.run();
                }
            });
            request.exceptionHandler(gone -> closeNow.run());
            answered = response.end(body);
            request.endHandler(ended -> answered.onComplete(written -> closeNow.run()));
            request.resume();
        }
        answered.onComplete(written -> {
            if (written.failed() || request.isEnded()) {
                closeNow.run();
            }
        });
    }
}
