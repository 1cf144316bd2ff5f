package io.posbridge.orders;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The thread pool the order routes name. */
@Configuration(proxyBeanMethods = false)
public class OrdersConfiguration {

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
