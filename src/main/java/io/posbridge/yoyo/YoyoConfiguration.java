package io.posbridge.yoyo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.observation.ObservationPredicate;
import io.posbridge.ops.JsonBodyFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
