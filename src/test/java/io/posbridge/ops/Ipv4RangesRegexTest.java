package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The regex Tomcat's RemoteIpValve gets from posbridge.trusted-proxies: exactly the addresses in the ranges. */
class Ipv4RangesRegexTest {

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource(textBlock = """
            127.0.0.1/32,   127.0.0.1,       true
            127.0.0.1/32,   127.0.0.10,      false
            127.0.0.1/32,   27.0.0.1,        false
            127.0.0.1,      127.0.0.1,       true
            10.0.0.0/8,     10.255.3.4,      true
            10.0.0.0/8,     11.0.0.1,        false
            10.0.0.0/8,     110.0.0.1,       false
            172.16.0.0/12,  172.16.0.1,      true
            172.16.0.0/12,  172.31.255.255,  true
            172.16.0.0/12,  172.15.255.255,  false
            172.16.0.0/12,  172.32.0.0,      false
            203.0.113.0/24, 203.0.113.9,     true
            203.0.113.0/24, 203.0.114.9,     false
            203.0.113.0/24, 203.0.113.256,   false
            203.0.113.0/24, 203.0.113.09,    false
            192.0.2.128/25, 192.0.2.128,     true
            192.0.2.128/25, 192.0.2.255,     true
            192.0.2.128/25, 192.0.2.127,     false
            192.0.2.77/25,  192.0.2.1,       true
            0.0.0.0/0,      198.51.100.7,    true
            0.0.0.0/0,      0:0:0:0:0:0:0:1, false
            10.0.0.0/8,     10.0.0.1.evil,   false
            """)
    void matchesExactlyTheAddressesInTheRange(String cidr, String address, boolean inside) {
        assertThat(Pattern.compile(Ipv4RangesRegex.of(List.of(cidr))).matcher(address).matches()).isEqualTo(inside);
    }

    @Test
    void severalRangesAreEitherAndNoneIsEmpty() {
        Pattern both = Pattern.compile(Ipv4RangesRegex.of(List.of("10.1.0.0/16", " 192.168.0.0/24")));
        assertThat(both.matcher("10.1.2.3").matches()).isTrue();
        assertThat(both.matcher("192.168.0.7").matches()).isTrue();
        assertThat(both.matcher("10.2.2.3").matches()).isFalse();
        assertThat(Ipv4RangesRegex.of(List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1/128", "2001:db8::/32", "ingress.local/32", "10.0.0.0/33", "10.0.0.0/x", "300.0.0.0/8", "10.0.0/8", ""})
    void refusesWhatIsNotAnIpv4Range(String cidr) {
        assertThatIllegalArgumentException().isThrownBy(() -> Ipv4RangesRegex.of(List.of(cidr)));
    }
}
