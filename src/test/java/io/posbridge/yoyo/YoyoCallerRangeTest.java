package io.posbridge.yoyo;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** With posbridge.yoyo.allowed-cidrs set, a caller outside the ranges is refused and nothing changes. */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "posbridge.yoyo.allowed-cidrs=10.20.0.0/16,2001:db8::/32")
@ActiveProfiles("test")
class YoyoCallerRangeTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient db;

    @Test
    void aCallerOutsideTheRangesIsRefused() {
        YoyoClient yoyo = new YoyoClient(port);
        yoyo.account("range-1", 1_000, "330001");
        YoyoClient.Answer answer = yoyo.post("/yoyo/transaction", YoyoClient.transaction("1", "330001", "PAYMENT", 100, 0));
        assertThat(answer.code()).isEqualTo(YoyoResponseCode.CALLER_NOT_ALLOWED.code());
        assertThat(db.sql("SELECT count(*) FROM holds").query(Long.class).single()).isZero();
    }
}
