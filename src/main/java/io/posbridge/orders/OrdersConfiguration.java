package io.posbridge.orders;

import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the order routes name: the inbox's read lock and the dispatch pool. */
@Configuration(proxyBeanMethods = false)
public class OrdersConfiguration {

    /**
     * The inbox's read lock, shared by every replica through the database (Flyway creates its table with
     * a primary key, so two replicas can never both take a file), keyed by a digest of each file's path.
     */
    @Bean
    JdbcMessageIdRepository orderFilesRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new HashedKeyJdbcMessageIdRepository(dataSource, "orders-inbox");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    /**
     * The thread pool orders-dispatch sends with, side by side: the calls wait on the network, not on the
     * CPU. A Camel thread pool profile rather than an Executor bean, which would switch off Spring Boot's
     * task executor that platform-http needs.
     */
    @Bean
    CamelContextConfiguration ordersDispatchPool(OrdersProperties settings) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getExecutorServiceManager().registerThreadPoolProfile(new ThreadPoolProfileBuilder("ordersDispatchPool")
                        .poolSize(settings.dispatchConcurrency()).maxPoolSize(settings.dispatchConcurrency()).build());
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }
}
