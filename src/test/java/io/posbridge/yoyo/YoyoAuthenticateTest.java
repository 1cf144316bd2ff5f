package io.posbridge.yoyo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.posbridge.yoyo.YoyoProperties.CredentialsMode;
import io.posbridge.yoyo.YoyoProperties.CredentialsPerCall;
import io.posbridge.yoyo.YoyoRequests.Authenticated;
import io.posbridge.yoyo.YoyoRequests.Credentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

/**
 * Who yoyoAuthenticate lets through, for every call, with no, wrong or right vspCredentials, and with no
 * allowed-cidrs, a caller inside them or outside them; the default modes (transaction required, advise and
 * token info if-present). Over HTTP the same rules are checked in YoyoGatewayTest, CallerRangesTest and
 * YoyoWithoutCredentialsTest.
 */
class YoyoAuthenticateTest {

    private static final CredentialsPerCall DEFAULTS =
            new CredentialsPerCall(CredentialsMode.REQUIRED, CredentialsMode.IF_PRESENT, CredentialsMode.IF_PRESENT);

    @ParameterizedTest(name = "{0} with {1} credentials, caller {2}: {3}")
    @CsvSource(textBlock = """
            # call,     credentials, caller,     answer
            transaction, none,       no-ranges,  2
            transaction, wrong,      no-ranges,  2
            transaction, right,      no-ranges,  ok
            transaction, none,       inside,     2
            transaction, wrong,      inside,     2
            transaction, right,      inside,     ok
            transaction, none,       outside,    3
            transaction, wrong,      outside,    3
            transaction, right,      outside,    3
            advise,      none,       no-ranges,  2
            advise,      wrong,      no-ranges,  2
            advise,      right,      no-ranges,  ok
            advise,      none,       inside,     ok
            advise,      wrong,      inside,     2
            advise,      right,      inside,     ok
            advise,      none,       outside,    3
            advise,      wrong,      outside,    3
            advise,      right,      outside,    3
            token-info,  none,       no-ranges,  2
            token-info,  wrong,      no-ranges,  2
            token-info,  right,      no-ranges,  ok
            token-info,  none,       inside,     ok
            token-info,  wrong,      inside,     2
            token-info,  right,      inside,     ok
            token-info,  none,       outside,    3
            token-info,  wrong,      outside,    3
            token-info,  right,      outside,    3
            """)
    void everyCallCredentialsAndCallerWithTheDefaultModes(String call, String credentials, String caller, String answer) {
        assertThat(answer(DEFAULTS, call, credentials, caller)).isEqualTo(answer);
    }

    @ParameterizedTest(name = "{0} set to the other mode, {1} credentials, caller {2}: {3}")
    @CsvSource(textBlock = """
            # call,     credentials, caller,     answer
            transaction, none,       no-ranges,  2
            transaction, none,       inside,     ok
            transaction, wrong,      inside,     2
            advise,      none,       inside,     2
            advise,      right,      inside,     ok
            token-info,  none,       inside,     2
            token-info,  right,      no-ranges,  ok
            """)
    void eachCallHasItsOwnSetting(String call, String credentials, String caller, String answer) {
        CredentialsPerCall flipped =
                new CredentialsPerCall(CredentialsMode.IF_PRESENT, CredentialsMode.REQUIRED, CredentialsMode.REQUIRED);
        assertThat(answer(flipped, call, credentials, caller)).isEqualTo(answer);
    }

    @Test
    void emptyCredentialsAreWrongCredentialsNotMissingOnes() {
        var request = new YoyoRequests.TokenInfo(null, "PAYMENT", null, new Credentials(null, null));
        YoyoRefusal refusal = catchThrowableOfType(
                () -> authenticate(DEFAULTS, List.of("10.20.0.0/16")).check("10.20.3.4", request), YoyoRefusal.class);
        assertThat(refusal.code()).isEqualTo(YoyoResponseCode.BAD_CREDENTIALS);
    }

    @Test
    void theModesBindWhateverTheirSpelling() {
        YoyoProperties bound = new Binder(new MapConfigurationPropertySource(Map.of(
                "posbridge.yoyo.credentials.transaction", "IF-PRESENT",
                "posbridge.yoyo.credentials.advise", "Required",
                "posbridge.yoyo.credentials.token-info", "if_present",
                "posbridge.yoyo.vsp-name", "posbridge",
                "posbridge.yoyo.max-body", "64KB",
                "posbridge.yoyo.hold-timeout", "24h",
                "posbridge.yoyo.sweep-interval", "60s",
                "posbridge.yoyo.max-amount", "1")))
                .bind("posbridge.yoyo", YoyoProperties.class).get();
        assertThat(bound.credentials()).isEqualTo(
                new CredentialsPerCall(CredentialsMode.IF_PRESENT, CredentialsMode.REQUIRED, CredentialsMode.IF_PRESENT));
    }

    /** "ok" when the call is let through, else its refusal code. */
    private static String answer(CredentialsPerCall modes, String call, String credentials, String caller) {
        List<String> ranges = caller.equals("no-ranges") ? List.of() : List.of("10.20.0.0/16");
        String address = switch (caller) {
            case "no-ranges" -> "198.51.100.7";
            case "inside" -> "10.20.3.4";
            case "outside" -> "192.0.2.1";
            default -> throw new IllegalArgumentException(caller);
        };
        Credentials given = switch (credentials) {
            case "none" -> null;
            case "wrong" -> new Credentials("DummyVSP", "not-the-password");
            case "right" -> new Credentials("DummyVSP", "test");
            default -> throw new IllegalArgumentException(credentials);
        };
        Authenticated request = switch (call) {
            case "transaction" -> new YoyoRequests.Transaction("1", null, null, "PAYMENT", null, 100L, 100L, 0L, null, given);
            case "advise" -> new YoyoRequests.Advise("FINALISE", null, given);
            case "token-info" -> new YoyoRequests.TokenInfo(null, "PAYMENT", null, given);
            default -> throw new IllegalArgumentException(call);
        };
        try {
            authenticate(modes, ranges).check(address, request);
            return "ok";
        } catch (YoyoRefusal refusal) {
            return refusal.code().code();
        }
    }

    private static YoyoAuthenticate authenticate(CredentialsPerCall modes, List<String> ranges) {
        return new YoyoAuthenticate(new YoyoProperties(true, "DummyVSP", "test", modes, 1, "posbridge", ranges,
                DataSize.ofKilobytes(64), Duration.ofHours(24), Duration.ofSeconds(60), 1_000_000,
                Duration.ofSeconds(5)));
    }
}
