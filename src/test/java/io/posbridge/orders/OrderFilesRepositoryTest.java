package io.posbridge.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.posbridge.ops.Sha256;
import io.posbridge.support.FreshPostgresExtension.PostgresServer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The order files' read lock (one insert to take a file's key, one delete to give it back) on PostgreSQL and on H2 in
 * PostgreSQL mode: of many replicas taking the same file at once exactly one gets it, a key taken is held until it is
 * given back, and keys longer than the table's column are stored as their digest.
 */
class OrderFilesRepositoryTest {

    private static final String LONG_PATH = "/var/posbridge/inbox/" + "x".repeat(400) + ".json";

    @Test
    void onPostgresql() throws Exception {
        PostgresServer.get().inScratchDatabase((server, url) ->
                check(new DriverManagerDataSource(url, server.username(), server.password())));
    }

    @Test
    void onH2InPostgresqlMode() throws Exception {
        check(new DriverManagerDataSource("jdbc:h2:mem:files-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", ""));
    }

    private static void check(DataSource dataSource) throws Exception {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        JdbcClient db = JdbcClient.create(dataSource);
        List<HashedKeyJdbcMessageIdRepository> replicas = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replicas.add(started(dataSource));
        }
        HashedKeyJdbcMessageIdRepository one = replicas.get(0);

        for (int round = 0; round < 20; round++) {
            String file = "/inbox/order-" + round + ".json";
            assertThat(takenAtOnce(replicas, file)).as("replicas that took " + file).isEqualTo(1);
            assertThat(one.contains(file)).isTrue();
            assertThat(one.add(file)).as("a key held is not taken again").isFalse();
            assertThat(one.remove(file)).isTrue();
            assertThat(one.remove(file)).as("a key given back twice").isFalse();
            assertThat(one.contains(file)).isFalse();
        }
        assertThat(db.sql("SELECT COUNT(*) FROM camel_messageprocessed").query(Integer.class).single())
                .as("every key given back").isZero();

        assertThat(one.add(LONG_PATH)).isTrue();
        assertThat(db.sql("SELECT messageid FROM camel_messageprocessed").query(String.class).single())
                .isEqualTo(Sha256.hex(LONG_PATH));
        assertThat(replicas.get(1).add(LONG_PATH)).isFalse();
        assertThat(replicas.get(1).remove(LONG_PATH)).isTrue();
        assertThat(one.add(LONG_PATH)).as("taken again once given back").isTrue();
        replicas.forEach(HashedKeyJdbcMessageIdRepository::stop);
    }

    /** How many of the replicas, all trying at the same moment, took the file's key. */
    private static int takenAtOnce(List<HashedKeyJdbcMessageIdRepository> replicas, String file) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(replicas.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (HashedKeyJdbcMessageIdRepository replica : replicas) {
                Callable<Boolean> take = () -> {
                    start.await();
                    return replica.add(file);
                };
                tries.add(pool.submit(take));
            }
            start.countDown();
            int taken = 0;
            for (Future<Boolean> attempt : tries) {
                taken += attempt.get() ? 1 : 0;
            }
            return taken;
        } finally {
            pool.shutdownNow();
        }
    }

    private static HashedKeyJdbcMessageIdRepository started(DataSource dataSource) {
        HashedKeyJdbcMessageIdRepository repository = new HashedKeyJdbcMessageIdRepository(dataSource, "orders-inbox");
        repository.setCreateTableIfNotExists(false);
        repository.start();
        return repository;
    }
}
