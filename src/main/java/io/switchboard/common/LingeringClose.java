package io.switchboard.common;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.vertx.core.Future;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Ends an HTTP/1 connection after a refusal, the way web servers do it (a "lingering close").
 *
 * <p>The connection is not closed the moment the answer is out: a client still sending its body
 * (most send all of it before reading) would have its next write met by a TCP reset, which also
 * discards the answer waiting unread on its side, so it would see "broken pipe" instead of the
 * answer. The rest of the body is read and thrown away, and the connection closes when the body
 * ends, or after {@link #LINGER} or {@link #MAX_DISCARDED_BYTES}, whichever comes first.
 *
 * <p>No request the client sent after the refused one is served (RFC 9112, 9.6). The close takes
 * effect only after the bytes already read are handled, and Vert.x routes a request it finds
 * there: so the connection is marked, and {@link #followsARefusal} stops any later request on it
 * at the first route, before authentication or anything else acts on it.
 */
public final class LingeringClose {

    /** The longest a refused request's remaining body is read and discarded. */
    public static final Duration LINGER = Duration.ofSeconds(5);

    /** The most bytes of a refused request's body that are read and discarded. */
    static final long MAX_DISCARDED_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(LingeringClose.class);

    /**
     * The mark a refused connection's channel carries. Looked up by name rather than held in a
     * static field: a native image runs this class's initialiser at build time, and Netty's key
     * pool belongs to the running process.
     */
    private static final String REFUSED = "switchboard.refused";

    private LingeringClose() {}

    /** Writes the answer, already given its status and headers, then lingers and closes. */
    static void answerThenClose(RoutingContext context, String body) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response().putHeader(HttpHeaders.CONNECTION, "close");
        HttpConnection connection = request.connection();
        markRefused(connection);
        // A backstop that closes the channel itself: a close through Vert.x first waits for pending
        // writes to flush, which a client that does not read could put off until the idle timeout.
        context.vertx().setTimer(LINGER.toMillis(), expired -> closeAtOnce(connection));
        if (request.isEnded()) {
            response.end(body).onComplete(written -> connection.close());
            return;
        }
        // Set before the answer is written: from here on, every byte of the body is discarded.
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > MAX_DISCARDED_BYTES) {
                connection.close();
            }
        });
        request.exceptionHandler(gone -> connection.close());
        Future<Void> answered = response.end(body);
        answered.onFailure(notWritten -> connection.close());
        request.endHandler(ended -> answered.onComplete(written -> connection.close()));
        request.resume();
    }

    /**
     * Whether an earlier request on this request's connection was refused. Such a request must not
     * be served; {@link #drop} ends it.
     */
    public static boolean followsARefusal(HttpServerRequest request) {
        Channel channel = channelOf(request.connection());
        // hasAttr first: attr() would add an empty mark to every connection it is asked about.
        AttributeKey<Boolean> refused = AttributeKey.valueOf(REFUSED);
        return channel != null
                && channel.hasAttr(refused)
                && Boolean.TRUE.equals(channel.attr(refused).get());
    }

    /** Closes the request's connection without an answer. */
    public static void drop(HttpServerRequest request) {
        closeAtOnce(request.connection());
    }

    /** Closes the channel itself, without waiting for pending writes to flush. */
    private static void closeAtOnce(HttpConnection connection) {
        Channel channel = channelOf(connection);
        if (channel != null) {
            channel.close();
        } else {
            connection.close();
        }
    }

    /** Marks the connection refused, where it is Vert.x's own (never seen otherwise). */
    private static void markRefused(HttpConnection connection) {
        Channel channel = channelOf(connection);
        if (channel == null) {
            LOG.warnf(
                    "No guard against requests after a refusal on a %s",
                    connection.getClass().getName());
            return;
        }
        channel.attr(AttributeKey.<Boolean>valueOf(REFUSED)).set(Boolean.TRUE);
    }

    private static Channel channelOf(HttpConnection connection) {
        return connection instanceof ConnectionBase base ? base.channel() : null;
    }
}
