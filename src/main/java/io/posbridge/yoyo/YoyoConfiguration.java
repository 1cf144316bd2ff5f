package io.posbridge.yoyo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationPredicate;
import io.posbridge.ops.JsonBodyFilter;
import io.posbridge.ops.PosbridgeProperties;
import io.posbridge.ops.ReadinessGate;
import java.time.Duration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/** The readers named in routes/yoyo-vsp.camel.yaml, one per kind of call; the body limit and metrics of Yoyo's paths. */
@Configuration(proxyBeanMethods = false)
public class YoyoConfiguration {

    @Bean
    YoyoReader yoyoReadTransaction() {
        return new YoyoReader(YoyoRequests.Transaction.class);
    }

    @Bean
    YoyoReader yoyoReadAdvise() {
        return new YoyoReader(YoyoRequests.Advise.class);
    }

    @Bean
    YoyoReader yoyoReadTokenInfo() {
        return new YoyoReader(YoyoRequests.TokenInfo.class);
    }

    /** Camel already times every Yoyo route (camel.metrics); a second timer per request only costs CPU. */
    @Bean
    ObservationPredicate yoyoCallsTimedByCamel() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier().getRequestURI().startsWith("/yoyo/"));
    }

    /** The database pool waits for a connection no longer than the Yoyo deadline allows (YoyoDeadline). */
    @Bean
    static BeanPostProcessor databaseWaitWithinYoyoDeadline(Environment environment) {
        return YoyoDeadline.poolWaitWithin(Binder.get(environment).bind("posbridge.yoyo.deadline", Duration.class)
                .orElseThrow(() -> new IllegalStateException("posbridge.yoyo.deadline is not set")));
    }

    /** Until the routes are up Yoyo's calls answer 503, not 404. */
    @Bean
    FilterRegistrationBean<ReadinessGate> yoyoReadinessGate(ApplicationAvailability availability, PosbridgeProperties posbridge) {
        var registration = new FilterRegistrationBean<>(new ReadinessGate(availability, posbridge));
        registration.setName("yoyoReadinessGate");
        registration.addUrlPatterns("/yoyo/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 2);
        return registration;
    }

    @Bean
    FilterRegistrationBean<JsonBodyFilter> yoyoBodyLimit(YoyoProperties settings) {
        YoyoResponseCode code = YoyoResponseCode.MALFORMED_REQUEST;
        ObjectMapper json = new ObjectMapper();
        var registration = new FilterRegistrationBean<>(new JsonBodyFilter(settings.maxBody().toBytes(),
                reason -> json.valueToTree(YoyoResponse.of(code).withDescription(code.description() + ": " + reason)).toString()));
        registration.setName("yoyoBodyLimit");
        registration.addUrlPatterns("/yoyo/*");
        return registration;
    }
}
