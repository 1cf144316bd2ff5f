package io.posbridge.ops;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Guards the admin API: Basic authentication and a body size limit. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration implements WebMvcConfigurer {

    static final String[] ADMIN_PATHS = {"/api/accounts/**", "/api/tokens/**", "/api/holds/**", "/api/tokenx/**",
        "/ops", "/ops/**"};

    private final AdminProperties settings;

    public AdminConfiguration(AdminProperties settings) {
        this.settings = settings;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminAuthentication(settings)).addPathPatterns(ADMIN_PATHS);
    }

    @Bean
    FilterRegistrationBean<JsonBodyFilter> adminBodyLimit() {
        long max = settings.maxBody().toBytes();
        var registration = new FilterRegistrationBean<>(JsonBodyFilter.answeringError(max));
        registration.setName("adminBodyLimit");
        registration.addUrlPatterns("/api/accounts", "/api/accounts/*", "/api/tokens", "/api/tokens/*", "/api/holds", "/api/tokenx/*");
        return registration;
    }
}
