package io.posbridge.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * IPv4 CIDR ranges as one Java regular expression that matches exactly the dotted-decimal addresses inside them,
 * for Tomcat settings that recognise addresses only by a regex (RemoteIpValve's internalProxies). Each octet of a
 * range is either fixed, free, or, where the prefix ends inside it, the short list of values it may take.
 * IPv6 is refused: one IPv6 address has many spellings, and no regex over the text matches them all.
 */
public final class Ipv4RangesRegex {

    private static final String ANY_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    private Ipv4RangesRegex() {
    }

    /** The regex, or an empty string (which Tomcat reads as "none") for no ranges. */
    public static String of(List<String> cidrs) {
        return cidrs.stream().map(Ipv4RangesRegex::ofOne).collect(Collectors.joining("|"));
    }

    private static String ofOne(String cidr) {
        String[] parts = cidr.trim().split("/", 2);
        int[] network = ipv4(parts[0], cidr);
        int prefix;
        try {
            prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : 32;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR range: '" + cidr + "'");
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix out of range in CIDR '" + cidr + "'");
        }
        List<String> octets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int fixedBits = Math.max(0, Math.min(8, prefix - 8 * i));
            int low = network[i] & (0xff << (8 - fixedBits)) & 0xff;
            int high = low | (0xff >> fixedBits);
            octets.add(fixedBits == 0 ? ANY_OCTET
                    : low == high ? String.valueOf(low)
                    : IntStream.rangeClosed(low, high).mapToObj(String::valueOf).collect(Collectors.joining("|", "(?:", ")")));
        }
        return "(?:" + String.join("\\.", octets) + ")";
    }

    /** The four octets of a dotted-decimal address; parsed here because InetAddress would look a name up in DNS. */
    private static int[] ipv4(String address, String cidr) {
        if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            throw new IllegalArgumentException("not an IPv4 CIDR range: '" + cidr + "' (IPv6 ranges are not supported here)");
        }
        int[] octets = Arrays.stream(address.split("\\.")).mapToInt(Integer::parseInt).toArray();
        if (Arrays.stream(octets).anyMatch(octet -> octet > 255)) {
            throw new IllegalArgumentException("not an IPv4 CIDR range: '" + cidr + "'");
        }
        return octets;
    }
}
