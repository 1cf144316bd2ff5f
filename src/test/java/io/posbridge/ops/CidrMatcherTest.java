package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrMatcherTest {

    @Test
    void matchesIpv4AndIpv6Ranges() {
        CidrMatcher matcher = new CidrMatcher(List.of("10.20.0.0/16", "192.168.1.7", "2001:db8::/32"));
        assertThat(matcher.allows("10.20.255.1")).isTrue();
        assertThat(matcher.allows("10.21.0.1")).isFalse();
        assertThat(matcher.allows("192.168.1.7")).isTrue();
        assertThat(matcher.allows("192.168.1.8")).isFalse();
        assertThat(matcher.allows("2001:db8:1::5")).isTrue();
        assertThat(matcher.allows("2001:db9::5")).isFalse();
        assertThat(matcher.allows("127.0.0.1")).isFalse();
    }

    @Test
    void noRangesAllowsEveryone() {
        assertThat(new CidrMatcher(List.of()).allows("203.0.113.9")).isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new CidrMatcher(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CidrMatcher(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
    }
}
