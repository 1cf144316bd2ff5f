package io.posbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PosbridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(PosbridgeApplication.class, args);
    }
}
