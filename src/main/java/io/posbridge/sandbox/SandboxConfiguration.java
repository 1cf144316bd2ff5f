package io.posbridge.sandbox;

import io.posbridge.ops.AdminAuthentication;
import io.posbridge.ops.AdminProperties;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The TokenX simulator, only in the sandbox and tokenx-simulator profiles: nothing of it exists in production.
 * Its TokenX calls pass {@link SandboxGate} (fault switches, access token); its fault switches need posbridge's
 * admin credentials.
 */
@Configuration(proxyBeanMethods = false)
@Profile({"sandbox", "tokenx-simulator"})
@EnableConfigurationProperties(SandboxProperties.class)
public class SandboxConfiguration {

    @Bean
    SandboxFaults sandboxFaults() {
        return new SandboxFaults();
    }

    @Bean
    SandboxTokens sandboxTokens(SandboxProperties settings, Clock clock) {
        return new SandboxTokens(settings, clock);
    }

    @Bean
    SandboxClientSettings sandboxClientSettings() {
        return new SandboxClientSettings();
    }

    @Bean
    SimulatedBaskets simulatedBaskets(SandboxProperties settings) {
        return new SimulatedBaskets(settings);
    }

    @Bean
    DeviceScheduler sandboxDeviceScheduler() {
        return new DeviceScheduler();
    }

    @Bean
    SandboxWebhooks sandboxWebhooks(SandboxClientSettings sandboxClientSettings, SandboxProperties settings,
            DeviceScheduler sandboxDeviceScheduler, Clock clock) {
        return new SandboxWebhooks(sandboxClientSettings, settings, sandboxDeviceScheduler, clock);
    }

    @Bean
    SimulatedDevices simulatedDevices(SimulatedBaskets simulatedBaskets, SandboxWebhooks sandboxWebhooks,
            SandboxProperties settings, DeviceScheduler sandboxDeviceScheduler) {
        return new SimulatedDevices(simulatedBaskets, sandboxWebhooks, settings, sandboxDeviceScheduler);
    }

    @Bean
    WebMvcConfigurer sandboxInterceptors(SandboxFaults sandboxFaults, SandboxTokens sandboxTokens,
            AdminProperties admin) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new SandboxGate(sandboxFaults, sandboxTokens))
                        .addPathPatterns(SandboxPaths.API + "/**");
                registry.addInterceptor(new AdminAuthentication(admin)).addPathPatterns(SandboxPaths.FAULTS);
            }
        };
    }
}
