package io.switchboard.event;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which addresses a tenant's endpoint may reach: the public internet only. Refused: loopback,
 * unspecified, private (RFC 1918, IPv6 unique local), link-local (which holds the cloud metadata
 * address 169.254.169.254), carrier-grade NAT (100.64.0.0/10, which holds Alibaba's metadata
 * address), multicast, broadcast and the other special-purpose ranges, and IPv6 forms that embed
 * such an IPv4 address (mapped, compatible, NAT64).
 */
final class AddressGuard {

    private AddressGuard() {}

    /** Why Switchboard may not connect to this address, or null when it may. */
    static String refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Inet4Address embedded = embeddedIpv4(b);
            if (embedded != null) {
                return refusal(embedded);
            }
            if (v6.isLoopbackAddress() || v6.isAnyLocalAddress()) {
                return "a loopback address";
            }
            if (v6.isLinkLocalAddress() || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0x80) {
                return "a link-local address";
            }
            if ((b[0] & 0xfe) == 0xfc || v6.isSiteLocalAddress()) {
                return "a private address";
            }
            if (v6.isMulticastAddress()) {
                return "a multicast address";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "a documentation address";
            }
            return null;
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (address.isLoopbackAddress() || first == 127) {
            return "a loopback address";
        }
        if (first == 0) {
            return "an unspecified address";
        }
        if (first == 10 || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168) {
            return "a private address";
        }
        if (first == 169 && second == 254) {
            return "a link-local address (cloud metadata lives there)";
        }
        if (first == 100 && second >= 64 && second <= 127) {
            return "a carrier-grade NAT address";
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return "a special-purpose address";
        }
        if (first == 198 && (second == 18 || second == 19)) {
            return "a benchmarking address";
        }
        if (first >= 224) {
            return "a multicast or reserved address";
        }
        return null;
    }

    /** The IPv4 address an IPv6 one stands for: ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d. */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeroPrefix = true;
        for (int i = 0; i < 10; i++) {
            zeroPrefix &= b[i] == 0;
        }
        boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!mapped && !compatible && !nat64) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are an IPv4 address", e);
        }
    }
}
