package io.posbridge.ops.page;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.posbridge.support.FastOrders;
import io.posbridge.support.FreshPostgres;
import io.posbridge.support.HeadlessChromium;
import io.posbridge.support.LocalHttp;
import io.posbridge.tokenx.FakeTokenx;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The operator page in a real browser (headless chromium), against real PostgreSQL and TokenX faked by WireMock: an
 * operator logs in with the admin credentials and sees an order at its till, the breaker, a refusal by TokenX, a
 * webhook that could not be applied (whose basket id is markup, shown as text), a pending hold and the routes.
 * The page as the browser drew it is saved as target/ops-page.png.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OperatorPageBrowserTest {

    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder("posbridge-ops-page");
    private static final String TILL = "Bearer test-till-key";
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));
    /** A basket id a webhook may carry (printable, at most 64 characters) that would run script if drawn as HTML. */
    private static final String MARKUP_BASKET_ID = "<img src=x onerror=\"document.title='owned'\">";
    private static final String MARKUP_REASON = "items and payments do not add up <b>here</b>";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TOKENX.takesEveryBasket();
        // Terminal T-REJ's baskets are refused for good: the order is REJECTED with TokenX's code and description.
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(1)
                .withHeader("terminal-id", equalTo("T-REJ"))
                .willReturn(FakeTokenx.error(400, 1103, MARKUP_REASON)));
        // Terminal T-FLAKY's first basket meets TokenX failing once (0012, a 503); the client's retry gets it through.
        TOKENX.server.stubFor(post(urlPathEqualTo("/basket/v1/basket")).atPriority(1)
                .withHeader("terminal-id", equalTo("T-FLAKY"))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(FakeTokenx.error(503, 12, "Internal server error")));
        TOKENX.register(registry);
        FastOrders.register(registry, WORK);
    }

    @AfterAll
    static void stop() {
        TOKENX.server.stop();
    }

    @LocalServerPort
    int port;


    @Test
    void anOperatorSeesTheOrdersTheBreakerRefusalsHoldsAndRoutes() throws Exception {
        assertThat(send("POST", "/api/orders", order("OPS-1", "T-OPS"), TILL).statusCode()).isEqualTo(202);
        assertThat(send("POST", "/api/orders", order("OPS-REJ", "T-REJ"), TILL).statusCode()).isEqualTo(202);
        assertThat(send("POST", "/api/orders", order("OPS-FLAKY", "T-FLAKY"), TILL).statusCode()).isEqualTo(202);
        assertThat(send("POST", "/webhooks/tokenx", completedWithStatus(MARKUP_BASKET_ID, 5), FakeTokenx.CALLBACK_AUTH)
                .body()).contains("\"problem\"");
        openAccountWithPendingHold("ops-acc", "7770001", "424242", 1500);

        ChromeDriver browser = HeadlessChromium.start(WORK.resolve("chromium-profile"));
        try {
            // Basic credentials in the address: the browser answers the page's 401 with them and keeps them for the
            // origin, so the page's own requests (script, summary, reconciliation) carry them too.
            browser.get("http://admin:test-admin-password@127.0.0.1:" + port + "/ops");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(45), Duration.ofMillis(200));

            wait.until(b -> rowsOf(b, "oldest-open-table").stream().anyMatch(row -> startsWith(row, "T-OPS", "OPS-1", "SENT"))
                    && rowsOf(b, "oldest-open-table").stream().anyMatch(row -> startsWith(row, "T-FLAKY", "OPS-FLAKY", "SENT")));
            wait.until(b -> rowsOf(b, "refusals-table").size() >= 2);

            assertThat(browser.findElement(By.id("breaker-state")).getText()).isEqualTo("CLOSED");
            // TokenX's failure counts for the breaker and is the last failure; its refusal of T-REJ's basket is not one.
            assertThat(rowsOf(browser, "tokenx-last-failure")).singleElement()
                    .satisfies(row -> assertThat(row.subList(1, 3)).containsExactly("0012", "Internal server error"));

            Map<String, String> byState = rowsOf(browser, "orders-by-state-table").stream()
                    .collect(Collectors.toMap(row -> row.get(0), row -> row.get(1)));
            assertThat(byState).containsEntry("SENT", "2").containsEntry("REJECTED", "1").containsEntry("COMPLETED", "0");

            List<List<String>> refusals = rowsOf(browser, "refusals-table");
            assertThat(refusals).anySatisfy(row -> assertThat(row.subList(1, 7)).containsExactly(
                    "order rejected", "OPS-REJ", "", "", "1103", "TokenX refused the basket: " + MARKUP_REASON));
            assertThat(refusals).anySatisfy(row -> assertThat(row.subList(1, 5)).containsExactly(
                    "webhook not applied", "", MARKUP_BASKET_ID, "BASKET_COMPLETED"));
            // Drawn as text: no element came out of the markup, and its script never ran.
            assertThat(browser.findElements(By.cssSelector("main img, main b"))).isEmpty();
            assertThat(browser.getTitle()).isEqualTo("posbridge operator page");

            assertThat(rowsOf(browser, "holds-table")).singleElement().satisfies(row ->
                    assertThat(row.subList(0, 6)).containsExactly("ZAR", "1", "1500", "424242", "ops-acc", "1500"));

            List<List<String>> routes = rowsOf(browser, "routes-table");
            assertThat(routes).anySatisfy(row -> assertThat(row.subList(0, 2)).containsExactly("tokenx-call", "Started"));
            assertThat(routes).anySatisfy(row -> assertThat(Long.parseLong(row.get(2))).isPositive());

            // The reconciliation report is another part of posbridge: drawn when it answers, "not available" when not.
            String reconciliation = browser.findElement(By.id("reconciliation-body")).getText();
            assertThat(reconciliation).isNotBlank().doesNotContain("loading");
            assertThat(browser.findElement(By.id("status")).getText()).startsWith("read at ");

            Path screenshot = Path.of("target", "ops-page.png");
            Files.createDirectories(screenshot.getParent());
            Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), screenshot, StandardCopyOption.REPLACE_EXISTING);
            assertThat(Files.size(screenshot)).isPositive();
        } finally {
            browser.quit();
        }
    }

    @Test
    void withoutCredentialsTheBrowserGetsNothingOfThePage() {
        ChromeDriver browser = HeadlessChromium.start(WORK.resolve("chromium-anonymous"));
        try {
            browser.get("http://127.0.0.1:" + port + "/ops");
            // The 401 stands behind the browser's login prompt (headless: never shown): nothing of the page is drawn.
            assertThat(browser.getPageSource()).doesNotContain("ops.js", "operator page");
            assertThat(browser.findElements(By.tagName("section"))).isEmpty();
            assertThat(browser.getTitle()).doesNotContain("posbridge");
        } finally {
            browser.quit();
        }
    }

    private static boolean startsWith(List<String> row, String... cells) {
        return row.size() >= cells.length && row.subList(0, cells.length).equals(List.of(cells));
    }

    /** The text of each cell of each body row of a table on the page. */
    private static List<List<String>> rowsOf(WebDriver browser, String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .toList();
    }

    private void openAccountWithPendingHold(String account, String token, String wiTrxId, long amount) throws Exception {
        assertThat(send("POST", "/api/accounts", "{\"id\":\"" + account + "\",\"currency\":\"ZAR\"}", ADMIN).statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/api/accounts/" + account + "/credits", "{\"amount\":100000,\"reference\":\"seed\"}", ADMIN)
                .statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/tokens", "{\"id\":\"" + token + "\",\"type\":\"WICODE\",\"accountId\":\"" + account + "\"}",
                ADMIN).statusCode()).isEqualTo(201);
        HttpResponse<String> reserved = send("POST", "/yoyo/transaction", """
                {"wiTrxId":%s,"wiVspTrxId":657439,
                 "token":{"id":"%s","type":"WICODE","vspReference":"ref-1"},
                 "type":"PAYMENT",
                 "storeTrxDetails":{"storeId":1050,"remoteStoreId":"10501","retailerId":999,"basketId":"basket1",
                   "trxId":"1","posId":"workstation1","cashierId":"cashier1"},
                 "totalAmount":%d,"basketAmount":%d,"cashBackAmount":0,
                 "products":[{"id":"sku-1","pricePerUnit":%d,"units":1}],
                 "vspCredentials":{"id":"DummyVSP","password":"test"},"discount":[]}
                """.formatted(wiTrxId, token, amount, amount, amount), null);
        assertThat(new ObjectMapper().readTree(reserved.body()).path("responseCode").asText()).as(reserved.body())
                .isEqualTo("-1");
    }

    private static String order(String orderId, String terminalId) {
        return """
                {"orderId":"%s","terminalId":"%s","instant":false,"checkNumber":16,"title":"Masa 16",
                 "lines":[{"sku":"P-1","name":"Pizza","unitPrice":"150.00","quantity":"1","vatRate":"10","section":1}],
                 "payments":[{"type":"CASH","amount":"150.00"}]}""".formatted(orderId, terminalId);
    }

    private static String completedWithStatus(String basketId, int status) {
        return """
                {"terminalId":"AV00000000001","operation":"BASKET_COMPLETED","operationDate":"2025-03-10T08:42:18.640Z",
                 "data":{"basketID":"%s","receiptNo":2,"status":%d,"zNo":87}}"""
                .formatted(basketId.replace("\"", "\\\""), status);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) {
        return LocalHttp.send(port, method, path, body, authorization);
    }

    private static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
