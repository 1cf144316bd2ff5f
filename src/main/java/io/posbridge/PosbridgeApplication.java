package io.posbridge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import sun.misc.Signal;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PosbridgeApplication {

    public static void main(String[] args) {
        // SIGTERM is how Kubernetes (and any supervisor) asks for a graceful stop: the shutdown hooks still finish the
        // in-flight work, and the exit status says the stop went as asked (0) rather than the JVM's 143 for the signal.
        // sun.misc.Signal (module jdk.unsupported) is the JDK's only way to handle a signal.
        Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        SpringApplication.run(PosbridgeApplication.class, args);
    }
}
