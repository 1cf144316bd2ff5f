package io.posbridge.yoyo;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.yoyo.YoyoRequests.Credentials;
import io.posbridge.yoyo.YoyoRequests.Transaction;
import java.util.List;
import org.junit.jupiter.api.Test;

class YoyoRequestsTest {

    /** What Camel's tracer would print of the exchange body: never our VSP password. */
    @Test
    void aRequestPrintsWithoutThePassword() {
        Transaction request = new Transaction("430376", null, null, "PAYMENT", null, 8500L, 8500L, 0L, List.of(),
                new Credentials("DummyVSP", "s3cret-vsp-password"));
        assertThat(request.toString()).contains("wiTrxId=430376", "Credentials[id=DummyVSP, password=*****]")
                .doesNotContain("s3cret-vsp-password");
    }
}
