package io.switchboard.webhook;

import io.switchboard.twilio.Callbacks;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Twilio-Signature}: base64(HMAC-SHA1(auth token, URL + each parameter name and
 * value, names sorted, each name's distinct values sorted)), as Twilio's libraries compute it.
 *
 * <p>Like them it accepts the URL with and without the scheme's default port, since proxies add or
 * drop it. Unlike twilio-java's RequestValidator (issue 601) it adds or removes the port on the raw
 * URL text, so an encoded query string ({@code %3A}, {@code %27}) stays byte for byte as Twilio
 * signed it.
 *
 * <p>Twilio never sends a URL's fragment, and does not document whether its signature covers the
 * connection overrides Switchboard puts there ({@link Callbacks#CONNECTION_OVERRIDES}): each URL is
 * tried as received and with exactly that fragment, never with any other.
 */
@ApplicationScoped
public class TwilioSignatureValidator {

    public boolean isValid(String url, Map<String, List<String>> params, String authToken, String signature) {
        if (signature == null || signature.isBlank() || authToken == null) {
            return false;
        }
        byte[] expected = signature.trim().getBytes(StandardCharsets.US_ASCII);
        boolean valid = false;
        List<String> candidates = new ArrayList<>(4);
        for (String variant : urlVariants(url)) {
            candidates.add(variant);
            candidates.add(variant + Callbacks.CONNECTION_OVERRIDES);
        }
        for (String candidate : candidates) {
            // No early exit: the work done does not depend on which variant matched.
            valid |= MessageDigest.isEqual(
                    expected, sign(candidate, params, authToken).getBytes(StandardCharsets.US_ASCII));
        }
        return valid;
    }

    static String sign(String url, Map<String, List<String>> params, String authToken) {
        StringBuilder data = new StringBuilder(url);
        for (String name : new TreeSet<>(params.keySet())) {
            for (String value : new TreeSet<>(params.get(name))) {
                data.append(name).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder()
                    .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }

    /** The URL as given, and the same with its default port added or removed (raw text, never re-encoded). */
    static List<String> urlVariants(String url) {
        List<String> variants = new ArrayList<>(2);
        variants.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return variants;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String defaultPort = "https".equals(scheme) ? "443" : "http".equals(scheme) ? "80" : null;
        if (defaultPort == null) {
            return variants;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = url.substring(authorityStart, authorityEnd);
        int portColon = authority.lastIndexOf(':');
        boolean hasPort = portColon > authority.lastIndexOf(']');
        String changed;
        if (!hasPort) {
            changed = authority + ":" + defaultPort;
        } else if (authority.substring(portColon + 1).equals(defaultPort)) {
            changed = authority.substring(0, portColon);
        } else {
            return variants;
        }
        variants.add(url.substring(0, authorityStart) + changed + url.substring(authorityEnd));
        return variants;
    }
}
