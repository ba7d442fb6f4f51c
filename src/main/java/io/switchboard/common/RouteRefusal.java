package io.switchboard.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * A problem JSON answer written by a Vert.x route, before any REST error mapper could run: the
 * request limits' refusals, and a webhook body that cannot be read.
 *
 * <p>With {@code close}, the rest of the request's body is not kept. Over HTTP/1 the connection
 * then serves no other request, but it is not closed the moment the answer is out: a client still
 * sending its body (most send all of it before reading) would have its next write met by a TCP
 * reset, which also discards the answer waiting unread on its side, so it would see "broken pipe"
 * instead of the 413. The rest of the body is read and thrown away, and the connection closes when
 * the body ends, or after {@link #LINGER} or {@link #LINGER_MAX_BYTES}, whichever comes first: the
 * lingering close web servers do for the same reason. Over HTTP/2 only the request's own stream
 * ends, as other requests share the connection.
 */
public final class RouteRefusal {

    /** The longest a refused request's remaining body is read and discarded. */
    public static final Duration LINGER = Duration.ofSeconds(5);

    /** The most bytes of a refused request's body that are read and discarded. */
    static final long LINGER_MAX_BYTES = 8L * 1024 * 1024;

    /** RST_STREAM's code for "stop sending, nothing went wrong". */
    private static final long HTTP2_NO_ERROR = 0;

    private RouteRefusal() {}

    /**
     * The body length a request declares, or -1 when it declares none or not a number (the HTTP
     * server refuses a malformed {@code Content-Length} itself).
     */
    public static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

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
        HttpServerResponse response =
                context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (!close) {
            response.end(body);
        } else if (context.request().version() == HttpVersion.HTTP_2) {
            endStream(context, body);
        } else {
            endThenLinger(context, body);
        }
    }

    /** RST_STREAM with NO_ERROR after a complete answer: stop sending, keep the answer (RFC 9113, 8.1). */
    private static void endStream(RoutingContext context, String body) {
        HttpServerResponse response = context.response();
        response.end(body).onSuccess(written -> {
            if (!context.request().isEnded()) {
                response.reset(HTTP2_NO_ERROR);
            }
        });
    }

    private static void endThenLinger(RoutingContext context, String body) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response().putHeader(HttpHeaders.CONNECTION, "close");
        HttpConnection connection = request.connection();
        ignoreEverythingAfter(request, connection);
        // At the limit, the channel itself is closed: a close through Vert.x waits for pending writes
        // to flush, which a client that does not read could put off until the idle timeout.
        long lingering = context.vertx().setTimer(LINGER.toMillis(), expired -> {
            if (connection instanceof ConnectionBase base) {
                base.channel().close();
            } else {
                connection.close();
            }
        });
        Runnable closeNow = () -> {
            context.vertx().cancelTimer(lingering);
            connection.close();
        };
        if (request.isEnded()) {
            response.end(body).onComplete(written -> closeNow.run());
            return;
        }
        // Set before the answer is written: from here on, every byte of the body is discarded.
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > LINGER_MAX_BYTES) {
                closeNow.run();
            }
        });
        request.exceptionHandler(gone -> closeNow.run());
        Future<Void> answered = response.end(body);
        answered.onFailure(notWritten -> closeNow.run());
        request.endHandler(ended -> answered.onComplete(written -> closeNow.run()));
        request.resume();
    }

    /**
     * No request behind the refused one is served (RFC 9112, 9.6): once the refused request's last
     * byte has passed, whatever else the client sent on the connection is dropped before Vert.x
     * sees it. Without this, a request pipelined right behind a refused body was handled (its
     * answer lost to the close), as the close only takes effect after the bytes already read.
     */
    private static void ignoreEverythingAfter(HttpServerRequest request, HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        ChannelHandlerContext vertx = base.channelHandlerContext();
        ChannelPipeline pipeline = vertx.pipeline();
        if (pipeline.get(IgnoreAfterRefusedRequest.NAME) == null) {
            pipeline.addBefore(
                    vertx.name(), IgnoreAfterRefusedRequest.NAME, new IgnoreAfterRefusedRequest(request.isEnded()));
        }
    }

    /** Passes HTTP messages up to the refused request's last content, and releases the rest. */
    private static final class IgnoreAfterRefusedRequest extends ChannelInboundHandlerAdapter {

        static final String NAME = "switchboard-ignore-after-refusal";

        private boolean refusedRequestEnded;

        IgnoreAfterRefusedRequest(boolean refusedRequestEnded) {
            this.refusedRequestEnded = refusedRequestEnded;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (refusedRequestEnded) {
                ReferenceCountUtil.release(message);
                return;
            }
            refusedRequestEnded = message instanceof LastHttpContent;
            context.fireChannelRead(message);
        }
    }
}
