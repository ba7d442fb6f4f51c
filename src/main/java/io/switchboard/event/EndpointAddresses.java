package io.switchboard.event;

import io.switchboard.common.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.jboss.logging.Logger;

/**
 * The one judge of where a tenant's endpoint may point, applied twice: to the URL when it is saved
 * (a clear 400; a name that does not resolve yet is accepted), and as the delivery client's DNS
 * resolver, to the very addresses it is about to dial, so a name that resolved to a public address
 * when saved and to 127.0.0.1 now (DNS rebinding) is still refused.
 */
@ApplicationScoped
class EndpointAddresses implements DnsResolver {

    private static final Logger LOG = Logger.getLogger(EndpointAddresses.class);
    static final int MAX_URL_LENGTH = 2048;

    private final boolean allowPrivate;

    EndpointAddresses(EventsConfig config) {
        this.allowPrivate = config.allowPrivate();
        if (allowPrivate) {
            LOG.warn("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE is on: tenants' webhook endpoints may be plain http and"
                    + " reach this machine and private networks. For dev and tests only.");
        }
    }

    /** The URL as it will be stored, or a 400 naming {@code field}. */
    String checkedUrl(String field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ApiException.Invalid(field, "is not a URL");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new ApiException.Invalid(field, "is longer than " + MAX_URL_LENGTH + " characters");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPrivate && scheme.equals("http"))) {
            throw new ApiException.Invalid(field, "must be an https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ApiException.Invalid(field, "may not carry a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new ApiException.Invalid(field, "has no host");
        }
        if (uri.getRawFragment() != null) {
            throw new ApiException.Invalid(field, "may not have a fragment");
        }
        try {
            refuseForbidden(uri.getHost());
        } catch (ForbiddenAddressException e) {
            throw new ApiException.Invalid(field, e.getMessage());
        } catch (UnknownHostException notYet) {
            // A name that does not resolve yet is accepted; every delivery resolves it again.
        }
        return url;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return refuseForbidden(host);
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    private InetAddress[] refuseForbidden(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(bare);
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String refusal = AddressGuard.refusal(address);
                if (refusal != null) {
                    // All or nothing: a name with one forbidden address is not dialled at all.
                    throw new ForbiddenAddressException("resolves to " + address.getHostAddress() + ", " + refusal
                            + ", which endpoints may not reach");
                }
            }
        }
        return addresses;
    }

    /** An UnknownHostException, so the HTTP client fails the connection without dialling anything. */
    static final class ForbiddenAddressException extends UnknownHostException {
        ForbiddenAddressException(String message) {
            super(message);
        }
    }
}
