package io.switchboard.common;

import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The caller's address as the connection gives it, or as a trusted proxy's X-Forwarded-For does
 * (Quarkus applies it only for QUARKUS_HTTP_PROXY_TRUSTED_PROXIES). Quarkus takes the leftmost
 * address of that header, so the proxy must overwrite it rather than append to it (docs/SECURITY.md).
 */
public final class ClientAddress {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]{7,15}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
    }

    /** The address as an InetAddress, only from a literal: never a DNS lookup. */
    public static Optional<InetAddress> literal(String ip) {
        if (ip == null || !IP_LITERAL.matcher(ip).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ip));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
