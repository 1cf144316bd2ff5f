package io.posbridge.ops.tracing;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.posbridge.orders.BasketMapper;
import io.posbridge.support.FastOrders;
import io.posbridge.support.FreshPostgres;
import io.posbridge.tokenx.FakeTokenx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Traces on (an OTLP endpoint set), the spans caught in memory instead of sent: an order over HTTP and one from a
 * file, each through intake, dispatch and TokenX's webhook, against real PostgreSQL with TokenX faked by WireMock;
 * and Yoyo calls.
 */
@FreshPostgres
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "posbridge.tracing.otlp-endpoint=http://127.0.0.1:1")
@ActiveProfiles("test")
@Import(TracesTest.SpansInMemory.class)
class TracesTest {

    private static final FakeTokenx TOKENX = new FakeTokenx().start();
    private static final Path WORK = temporaryFolder();
    private static final String TILL = "Bearer test-till-key";
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes());

    @TestConfiguration
    static class SpansInMemory {
        @Bean
        InMemorySpanExporter inMemorySpans() {
            return InMemorySpanExporter.create();
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        TOKENX.takesEveryBasket();
        TOKENX.register(registry);
        FastOrders.register(registry, WORK);
    }

    @AfterAll
    static void stop() {
        TOKENX.server.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemorySpanExporter exporter;

    @Autowired
    SdkTracerProvider tracerProvider;

    @Autowired
    JdbcClient db;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void forgetEarlierSpans() {
        spans();
        exporter.reset();
    }

    @Test
    void anOrderPostedOverHttpIsOneTraceFromIntakeToTheBasketCallAndItsWebhookCarriesTheBasketId() throws Exception {
        String basketId = BasketMapper.basketIdOf("TR-1");
        assertThat(send("/api/orders", order("TR-1", "T-TR1"), "Authorization", TILL).statusCode()).isEqualTo(202);
        awaitState("TR-1", "SENT");

        SpanData intake = awaitSpan("orders-intake", Traces.ORDER_ID, "TR-1");
        assertThat(intake.getAttributes().get(Traces.BASKET_ID)).isEqualTo(basketId);
        String trace = intake.getTraceId();
        SpanData root = spans().stream().filter(s -> s.getTraceId().equals(trace) && !s.getParentSpanContext().isValid())
                .findFirst().orElseThrow();
        assertThat(root.getAttributes().get(AttributeKey.stringKey("camel.uri"))).startsWith("platform-http:");

        SpanData dispatch = awaitSpan("orders-send", Traces.ORDER_ID, "TR-1");
        assertThat(dispatch.getTraceId()).as("the dispatch joins the intake's trace").isEqualTo(trace);
        assertThat(dispatch.getAttributes().get(Traces.BASKET_ID)).isEqualTo(basketId);
        SpanData basketCall = awaitSpan("tokenx-create-basket", Traces.BASKET_ID, basketId);
        assertThat(basketCall.getTraceId()).isEqualTo(trace);
        assertThat(spans()).as("the POST to TokenX, in the order's trace")
                .anySatisfy(s -> {
                    assertThat(s.getTraceId()).isEqualTo(trace);
                    assertThat(s.getName()).isEqualTo("POST");
                    assertThat(s.getAttributes().get(AttributeKey.stringKey("http.url"))).endsWith("/basket/v1/basket");
                });

        assertThat(send("/webhooks/tokenx", completed(basketId), "Authorization", FakeTokenx.CALLBACK_AUTH).statusCode())
                .isEqualTo(200);
        awaitState("TR-1", "COMPLETED");
        List<SpanData> webhook = await().atMost(Duration.ofSeconds(10)).until(() -> spans().stream()
                .filter(s -> basketId.equals(s.getAttributes().get(Traces.BASKET_ID)) && !s.getTraceId().equals(trace))
                .toList(), found -> !found.isEmpty());
        assertThat(webhook).as("the webhook is a trace of its own, joined to the order by the basket id").hasSize(1);
        assertThat(webhook.get(0).getName()).isEqualTo("POST");
        assertThat(webhook.get(0).getAttributes().get(AttributeKey.stringKey("camel.uri"))).startsWith("servlet:");
        assertThat(webhook.get(0).getAttributes().get(Traces.ORDER_ID)).isEqualTo("TR-1");
        assertThat(stored("TR-1")).isEqualTo("00-" + trace + "-" + intake.getSpanId() + "-" + intake.getSpanContext().getTraceFlags().asHex());
    }

    @Test
    void anOrderFromTheInboxIsOneTraceFromTheFileToTheBasketCall() throws Exception {
        Files.createDirectories(WORK.resolve("inbox"));
        Files.writeString(WORK.resolve("inbox").resolve("TR-2.json"), order("TR-2", "T-TR2"));
        awaitState("TR-2", "SENT");

        SpanData intake = awaitSpan("orders-intake", Traces.ORDER_ID, "TR-2");
        SpanData root = spans().stream().filter(s -> s.getTraceId().equals(intake.getTraceId())
                && !s.getParentSpanContext().isValid()).findFirst().orElseThrow();
        assertThat(root.getName()).isEqualTo("file");
        assertThat(awaitSpan("orders-send", Traces.ORDER_ID, "TR-2").getTraceId()).isEqualTo(intake.getTraceId());
        assertThat(awaitSpan("tokenx-create-basket", Traces.BASKET_ID, BasketMapper.basketIdOf("TR-2")).getTraceId())
                .isEqualTo(intake.getTraceId());
    }

    @Test
    void eachYoyoCallIsATraceOfItsOwnWithYoyosAndOurTransactionIds() throws Exception {
        admin("/api/accounts", "{\"id\":\"acc-tr\",\"currency\":\"ZAR\"}");
        admin("/api/accounts/acc-tr/credits", "{\"amount\":10000,\"reference\":\"opening-acc-tr\"}");
        admin("/api/tokens", "{\"id\":\"7123456\",\"type\":\"WICODE\",\"accountId\":\"acc-tr\"}");

        HttpResponse<String> reserved = send("/yoyo/transaction", transaction("880001", "7123456"));
        assertThat(reserved.body()).contains("\"responseCode\":\"-1\"");
        String vspTrxId = reserved.body().replaceAll(".*\"vspTrxId\":\"([^\"]+)\".*", "$1");
        SpanData transaction = awaitSpan("POST", Traces.WI_TRX_ID, "880001");
        assertThat(transaction.getAttributes().get(Traces.VSP_TRX_ID)).isEqualTo(vspTrxId);
        assertThat(transaction.getParentSpanContext().isValid()).isFalse();

        assertThat(send("/yoyo/advise", advise("880001", vspTrxId)).statusCode()).isEqualTo(200);
        SpanData advise = await().atMost(Duration.ofSeconds(10)).until(() -> spans().stream()
                .filter(s -> "880001".equals(s.getAttributes().get(Traces.WI_TRX_ID))
                        && !s.getSpanId().equals(transaction.getSpanId())).findFirst(), found -> found.isPresent()).orElseThrow();
        assertThat(advise.getTraceId()).as("a trace per call").isNotEqualTo(transaction.getTraceId());
        assertThat(advise.getAttributes().get(Traces.VSP_TRX_ID)).isEqualTo(vspTrxId);
    }

    /** Every finished span so far; the batch processor is flushed first. */
    private List<SpanData> spans() {
        tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
        return exporter.getFinishedSpanItems();
    }

    private SpanData awaitSpan(String name, AttributeKey<String> key, String value) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans().stream()
                .filter(s -> s.getName().equals(name) && value.equals(s.getAttributes().get(key))).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    private void awaitState(String orderId, String state) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(() -> state.equals(
                db.sql("SELECT state FROM orders WHERE order_id = ?").param(orderId).query(String.class).optional().orElse(null)));
    }

    private String stored(String orderId) {
        return db.sql("SELECT trace_parent FROM orders WHERE order_id = ?").param(orderId).query(String.class).single();
    }

    private HttpResponse<String> admin(String path, String body) throws IOException, InterruptedException {
        return send(path, body, "Authorization", ADMIN);
    }

    private HttpResponse<String> send(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String order(String orderId, String terminalId) {
        return """
                {"orderId":"%s","terminalId":"%s","checkNumber":16,"title":"Masa 16",
                 "lines":[{"sku":"P-1","name":"Pizza","unitPrice":"150.00","quantity":"1","vatRate":"10","section":1}],
                 "payments":[{"type":"CASH","amount":"150.00"}]}""".formatted(orderId, terminalId);
    }

    static String completed(String basketId) {
        return """
                {"terminalId":"AV00000000001","operation":"BASKET_COMPLETED","operationDate":"2025-03-10T08:42:18.640Z",
                 "data":{"basketID":"%s","message":"OK","paymentItems":[{"amount":15000,"type":1}],
                  "receiptNo":2,"status":0,"zNo":87}}""".formatted(basketId);
    }

    static String transaction(String wiTrxId, String tokenId) {
        return """
                {"wiTrxId":%s,"wiVspTrxId":657439,"token":{"id":"%s","type":"WICODE"},"type":"PAYMENT",
                 "storeTrxDetails":{"storeId":1050,"basketId":"basket1","trxId":"1","posId":"pos1","cashierId":"c1"},
                 "totalAmount":2500,"basketAmount":2500,"cashBackAmount":0,
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}""".formatted(wiTrxId, tokenId);
    }

    static String advise(String wiTrxId, String vspTrxId) {
        return """
                {"action":"FINALISE","originalTrx":{"wiTrxId":%s,"vspTrxId":"%s","token":{"id":"7123456","type":"WICODE"},
                 "type":"PAYMENT","totalAmountProcessed":2500},
                 "vspCredentials":{"id":"DummyVSP","password":"test"}}""".formatted(wiTrxId, vspTrxId);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("posbridge-traces");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
