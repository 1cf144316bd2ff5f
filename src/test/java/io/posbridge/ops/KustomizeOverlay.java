package io.posbridge.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One kustomize overlay as kubectl renders it, every object read into its Kubernetes type. A field the type does not
 * have fails the read (the model's catch-all for unknown fields is switched off), so a misspelt field in a manifest
 * fails here rather than being dropped by the API server.
 */
record KustomizeOverlay(String name, List<HasMetadata> objects) {

    /** apiVersion/kind of every object the manifests may hold, and its type. Anything else fails the read. */
    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class);

    static final ObjectMapper STRICT_YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            });

    static KustomizeOverlay render(Path overlay) {
        return new KustomizeOverlay(overlay.getFileName().toString(), parse(kustomize(overlay)));
    }

    static String kustomize(Path folder) {
        ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", folder.toString());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("kubectl is not on the PATH, and the manifests cannot be checked without it: "
                    + "install it (bash .ci/run does: apt-get install kubectl, or kubernetes-client) and run again", e);
        }
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + folder + " failed: " + err.strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = STRICT_YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                objects.add(typed(document));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    static HasMetadata typed(JsonNode document) {
        String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> type = TYPES.get(key);
        if (type == null) {
            throw new AssertionError("no Kubernetes type known for " + key + " (" + document.path("metadata")
                    .path("name").asText() + "); add it to KustomizeOverlay.TYPES if it belongs in the manifests");
        }
        try {
            return STRICT_YAML.treeToValue(document, type);
        } catch (IOException e) {
            throw new AssertionError(key + " " + document.path("metadata").path("name").asText()
                    + " does not read as a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError(name + ": expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** A generated ConfigMap by the name it has in the manifests, before kustomize appended its content hash. */
    ConfigMap configMap(String generatedName) {
        return all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith(generatedName + "-"))
                .findFirst().orElseThrow(() -> new AssertionError(name + ": no ConfigMap " + generatedName));
    }
}
