package io.botfleet.control.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who a request comes from and whether it came over HTTPS, believing {@code X-Forwarded-For}
 * and {@code X-Forwarded-Proto} only from the reverse proxies the operator listed
 * ({@code trustedProxies}: addresses or CIDR ranges). Anyone else could write those headers to
 * pose as any address, so from an untrusted peer they are ignored.
 *
 * <p>Behind trusted proxies the client is the right-most address of {@code X-Forwarded-For}
 * that is not itself a trusted proxy (the left part can be forged by the client). IPv6 clients
 * are keyed by their /64, since one host usually holds a whole /64.
 */
public final class ClientOrigin {

    private final List<Range> trusted;

    /** @param trustedProxies comma-separated addresses or CIDR ranges; blank trusts none */
    public ClientOrigin(String trustedProxies) {
        List<Range> ranges = new ArrayList<>();
        if (trustedProxies != null) {
            for (String part : trustedProxies.split(",")) {
                String spec = part.trim();
                if (!spec.isEmpty()) {
                    ranges.add(Range.parse(spec));
                }
            }
        }
        this.trusted = List.copyOf(ranges);
    }

    /** The key failed authentications are counted under: the client's address (IPv6: its /64). */
    public String clientKey(HttpServletRequest request) {
        return key(clientAddress(request));
    }

    /** The client's address, through trusted proxies. */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusts(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!isAddressLiteral(hop)) {
                return peer; // garbage from a proxy that passes what it got: do not key on it
            }
            if (!trusts(hop)) {
                return hop;
            }
        }
        return hops[0].trim(); // every hop is a trusted proxy: the first one is the client
    }

    /** True when the request reached the server over TLS, directly or through a trusted proxy. */
    public boolean secure(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        if (!trusts(request.getRemoteAddr())) {
            return false;
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto == null) {
            return false;
        }
        // a chain of proxies may list one value per hop: the first is what the client used
        String first = proto.split(",")[0].trim().toLowerCase(Locale.ROOT);
        return "https".equals(first);
    }

    boolean trusts(String address) {
        if (trusted.isEmpty() || !isAddressLiteral(address)) {
            return false;
        }
        byte[] bytes = parse(address);
        for (Range range : trusted) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    static String key(String address) {
        if (address == null || address.indexOf(':') < 0 || !isAddressLiteral(address)) {
            return address;
        }
        byte[] bytes = parse(address);
        if (bytes.length != 16) {
            return address;
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** Digits, dots, colons and hex only: never a host name, so parsing never asks DNS. */
    private static boolean isAddressLiteral(String s) {
        if (s == null || s.isEmpty() || s.length() > 45) {
            return false;
        }
        boolean colon = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (!(c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        if (!colon) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '.' && (c < '0' || c > '9')) {
                    return false;
                }
            }
        }
        try {
            InetAddress.getByName(s);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static byte[] parse(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    /** An address range, {@code a.b.c.d/n} or {@code x::/n}, or one address. */
    private record Range(byte[] network, int bits) {

        static Range parse(String spec) {
            int slash = spec.indexOf('/');
            String address = slash < 0 ? spec : spec.substring(0, slash);
            if (!isAddressLiteral(address)) {
                throw new IllegalArgumentException("trustedProxies: '" + spec + "' is not an IP address or CIDR range");
            }
            byte[] network = ClientOrigin.parse(address);
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(spec.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("trustedProxies: '" + spec + "' has an invalid prefix length");
                }
            }
            return new Range(network, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
