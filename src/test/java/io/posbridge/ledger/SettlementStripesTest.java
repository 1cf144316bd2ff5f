package io.posbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.support.FreshPostgresExtension.PostgresServer;
import java.time.Clock;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The settlement account spread over stripes, on a real PostgreSQL: every transfer balanced, the account their sum. */
class SettlementStripesTest {

    private final PostgresServer server = PostgresServer.get();
    private final String database = "posbridge_stripes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Clock clock = Clock.systemUTC();
    private JdbcClient db;

    @BeforeEach
    void createDatabase() throws Exception {
        server.execute("CREATE DATABASE " + database);
        var dataSource = new DriverManagerDataSource(server.urlOf(database), server.username(), server.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        db = JdbcClient.create(dataSource);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void transfersSpreadOverTheStripesAndTheSettlementAccountIsTheirSum() {
        Accounts accounts = new Accounts(db, new Transfers(db, new LedgerProperties(4), clock), clock);
        accounts.open("acc-1", "ZAR");
        for (int i = 1; i <= 20; i++) {
            accounts.credit("acc-1", 100, "topup-" + i);
        }

        assertThat(stripes("ZAR")).isEqualTo(4);
        assertThat(db.sql("SELECT COUNT(DISTINCT account_id) FROM entries WHERE account_id LIKE 'settlement:%'")
                .query(Long.class).single()).isGreaterThan(1);
        Account settlement = accounts.find("settlement:ZAR").orElseThrow();
        assertThat(settlement.balance()).isEqualTo(-2_000);
        assertThat(settlement.currency()).isEqualTo("ZAR");
        assertThat(accounts.entries("settlement:ZAR")).hasSize(20).allMatch(e -> e.amount() == -100);
        assertThat(accounts.find("acc-1").orElseThrow().balance()).isEqualTo(2_000);
        LedgerInvariants.assertHold(db);
    }

    @Test
    void moreStripesAtStartAreOpenedForTheCurrenciesThatExistAndKeepTheBalance() {
        Accounts accounts = new Accounts(db, new Transfers(db, new LedgerProperties(2), clock), clock);
        accounts.open("acc-1", "ZAR");
        accounts.credit("acc-1", 700, "topup-1");

        new Transfers(db, new LedgerProperties(8), clock).openMissingStripes();

        assertThat(stripes("ZAR")).isEqualTo(8);
        assertThat(accounts.find("settlement:ZAR").orElseThrow().balance()).isEqualTo(-700);
        assertThat(accounts.find("settlement:EUR")).isEmpty();
    }

    private long stripes(String currency) {
        return db.sql("SELECT COUNT(*) FROM accounts WHERE kind = 'SETTLEMENT' AND currency = ?").param(currency)
                .query(Long.class).single();
    }
}
