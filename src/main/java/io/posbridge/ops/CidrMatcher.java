package io.posbridge.ops;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Whether an address lies in one of a list of CIDR ranges (IPv4 or IPv6). Written here because the
 * libraries that have one (Spring Security's IpAddressMatcher) would bring a whole security stack.
 */
public final class CidrMatcher {

    private record Range(byte[] network, int prefix) {
    }

    private final List<Range> ranges;

    public CidrMatcher(List<String> cidrs) {
        this.ranges = cidrs.stream().map(CidrMatcher::parse).toList();
    }

    /** True when no ranges are configured, or the address is in one of them. */
    public boolean allows(String address) {
        if (ranges.isEmpty()) {
            return true;
        }
        byte[] candidate;
        try {
            candidate = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException | RuntimeException e) {
            return false;
        }
        return ranges.stream().anyMatch(r -> matches(r, candidate));
    }

    private static boolean matches(Range range, byte[] candidate) {
        if (candidate.length != range.network().length) {
            return false;
        }
        int bits = candidate.length * 8;
        BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                .shiftRight(range.prefix()).not();
        return new BigInteger(1, candidate).and(mask).equals(new BigInteger(1, range.network()).and(mask));
    }

    private static Range parse(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        try {
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range in CIDR '" + cidr + "'");
            }
            return new Range(network, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: '" + cidr + "'", e);
        }
    }
}
