package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The report name beside a refused file: {@code <name>.error.json} while that is a name Linux takes. */
class OrderInboxTest {

    @Test
    void aReportNameIsTheFileNameWithItsSuffixUpTo255Bytes() {
        String longest = "a".repeat(239) + ".json";   // 244 bytes: its report has 255
        assertThat(OrderInbox.reportName("x.json")).isEqualTo("x.json.error.json");
        assertThat(OrderInbox.reportName(longest)).isEqualTo(longest + ".error.json").hasSize(255);
        assertThat(OrderInbox.reportName("a" + longest)).hasSize(255).endsWith(".error.json").contains("~");
    }

    @Test
    void aLongerOneIsCutAtAWholeCharacterAndToldApartByADigest() {
        String twoBytes = "ş".repeat(125) + ".json";
        String report = OrderInbox.reportName(twoBytes);
        assertThat(report.getBytes(StandardCharsets.UTF_8).length).isBetween(254, 255);
        assertThat(report).matches("ş+~[0-9a-f]{16}\\.error\\.json");
        assertThat(OrderInbox.reportName("a".repeat(240) + ".json"))
                .hasSize(255).isNotEqualTo(OrderInbox.reportName("a".repeat(241) + ".json"));
    }
}
