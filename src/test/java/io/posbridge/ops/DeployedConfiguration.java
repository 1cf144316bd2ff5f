package io.posbridge.ops;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The settings posbridge would start with in a container of the manifests: its application.yaml (and the profiles the
 * manifests switch on), under the environment variables the container gets from its ConfigMaps, its Secret and its
 * own env, as Spring Boot reads them. Nothing of the machine running the test leaks in.
 */
final class DeployedConfiguration {

    /** A Secret's values are set in the cluster; here each key of the template stands for a value that is set. */
    static final String SET_IN_THE_CLUSTER = "set-in-the-cluster";

    private DeployedConfiguration() {
    }

    static Map<String, String> containerEnvironment(KustomizeOverlay overlay, Container container, Secret template) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                String name = from.getConfigMapRef().getName();
                ConfigMap map = overlay.all(ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                        .orElseThrow(() -> new AssertionError(overlay.name() + ": envFrom names ConfigMap " + name
                                + ", which the manifests do not hold"));
                env.putAll(map.getData());
            }
            if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                if (!from.getSecretRef().getName().equals(template.getMetadata().getName())) {
                    throw new AssertionError(overlay.name() + ": envFrom names Secret " + from.getSecretRef().getName()
                            + ", not the one k8s/base/secret-template.yaml describes");
                }
                template.getStringData().keySet().forEach(key -> env.put(key, SET_IN_THE_CLUSTER));
            }
        }
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : SET_IN_THE_CLUSTER);
        }
        return env;
    }

    static StandardEnvironment springEnvironment(Map<String, String> containerEnvironment) {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new LinkedHashMap<String, Object>(containerEnvironment)));
        ConfigDataEnvironmentPostProcessor.applyTo(environment, new DefaultResourceLoader(),
                new DefaultBootstrapContext(), List.of());
        // Reads POSBRIDGE_ROUTESDIR as posbridge.routes-dir, as the application's own binding does.
        ConfigurationPropertySources.attach(environment);
        return environment;
    }
}
