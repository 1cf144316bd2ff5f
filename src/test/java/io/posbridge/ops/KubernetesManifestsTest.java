package io.posbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The manifests in k8s/ as kubectl renders each overlay, read into Kubernetes' types, against the application they
 * deploy: its ports, health groups and required settings as its configuration says, the routes in routes/, and the
 * stop it needs time for. k8s/README.md describes the manifests.
 */
class KubernetesManifestsTest {

    private static final Path OVERLAYS = Path.of("k8s/overlays");
    private static final Path ROUTES = Path.of("routes");
    private static final Path SECRET_TEMPLATE = Path.of("k8s/base/secret-template.yaml");
    private static final Set<String> SANDBOX_PROFILES = Set.of("sandbox", "tokenx-simulator");
    /** Camel's own default for camel.main.shutdown-timeout, in seconds, when application.yaml sets none. */
    private static final int CAMEL_DEFAULT_SHUTDOWN_TIMEOUT = 45;
    private static final Map<String, KustomizeOverlay> RENDERED = new HashMap<>();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> folders = Files.list(OVERLAYS)) {
            return folders.filter(Files::isDirectory).map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static synchronized KustomizeOverlay rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> KustomizeOverlay.render(OVERLAYS.resolve(o)));
    }

    @Test
    void theOverlaysAreDevAndProd() throws IOException {
        assertThat(overlays()).containsExactly("dev", "prod");
    }

    @Test
    void aMisspeltFieldFailsTheRead() {
        String deployment = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: posbridge}
                spec:
                  replica: 2
                """;
        assertThatThrownBy(() -> KustomizeOverlay.parse(deployment)).hasMessageContaining("replica");
        assertThat(KustomizeOverlay.parse(deployment.replace("replica:", "replicas:")).get(0))
                .isInstanceOf(Deployment.class);
        assertThatThrownBy(() -> KustomizeOverlay.parse("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n"))
                .hasMessageContaining("v1/Pod");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectReadsIntoItsKubernetesType(String overlay) {
        KustomizeOverlay rendered = rendered(overlay);
        assertThat(rendered.objects()).extracting(o -> o.getKind()).contains("Deployment", "Service",
                "ServiceAccount", "ConfigMap", "NetworkPolicy", "ServiceMonitor");
        rendered.one(Deployment.class);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskTheApplicationsHealthGroupsOnItsManagementPort(String overlay) {
        KustomizeOverlay rendered = rendered(overlay);
        Container container = container(rendered);
        StandardEnvironment app = environment(rendered);
        int serverPort = app.getProperty("server.port", Integer.class, 8080);
        int managementPort = app.getProperty("management.server.port", Integer.class, serverPort);
        String basePath = app.getProperty("management.endpoints.web.base-path", "/actuator");
        Set<String> groups = new HashSet<>(Binder.get(app).bind("management.endpoint.health.group",
                Bindable.mapOf(String.class, Object.class)).orElse(Map.of()).keySet());
        if (app.getProperty("management.endpoint.health.probes.enabled", Boolean.class, false)) {
            groups.addAll(Set.of("liveness", "readiness"));
        }
        Set<String> exposed = Arrays.stream(app.getProperty("management.endpoints.web.exposure.include", "health")
                .split(",")).map(String::trim).collect(Collectors.toSet());

        assertThat(managementPort).as("actuator on a port of its own, not the HTTP port").isNotEqualTo(serverPort);
        assertThat(portNumber(container, new IntOrString("http"))).as("the http port").isEqualTo(serverPort);
        assertThat(exposed).contains("health", "prometheus");
        assertThat(groups).contains("liveness", "readiness");
        Map<String, Probe> probes = new TreeMap<>(Map.of("startup", container.getStartupProbe(),
                "readiness", container.getReadinessProbe(), "liveness", container.getLivenessProbe()));
        probes.forEach((kind, probe) -> {
            assertThat(probe).as(kind + " probe").isNotNull();
            HTTPGetAction get = probe.getHttpGet();
            assertThat(get).as(kind + " probe is an HTTP GET").isNotNull();
            assertThat(portNumber(container, get.getPort())).as(kind + " probe's port").isEqualTo(managementPort);
            String group = kind.equals("readiness") ? "readiness" : "liveness";
            assertThat(get.getPath()).as(kind + " probe's path").isEqualTo(basePath + "/health/" + group);
        });

        Service service = rendered.one(Service.class);
        assertThat(service.getSpec().getSelector()).isNotEmpty();
        assertThat(podLabels(rendered)).containsAllEntriesOf(service.getSpec().getSelector());
        for (ServicePort port : service.getSpec().getPorts()) {
            portNumber(container, port.getTargetPort());
        }
        ServiceMonitor monitor = rendered.one(ServiceMonitor.class);
        assertThat(podLabels(rendered)).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
        assertThat(monitor.getSpec().getEndpoints()).isNotEmpty().allSatisfy(endpoint -> {
            ServicePort port = service.getSpec().getPorts().stream().filter(p -> p.getName().equals(endpoint.getPort()))
                    .findFirst().orElseThrow(() -> new AssertionError("the ServiceMonitor scrapes Service port "
                            + endpoint.getPort() + ", which the Service does not have"));
            assertThat(portNumber(container, port.getTargetPort())).as("scraped port").isEqualTo(managementPort);
            assertThat(endpoint.getPath()).isEqualTo(basePath + "/prometheus");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRoutesConfigMapHoldsEveryRouteFileAsItIs(String overlay) throws IOException {
        KustomizeOverlay rendered = rendered(overlay);
        PodSpec pod = pod(rendered);
        Container container = container(rendered);
        String routesDir = environment(rendered).getProperty("posbridge.routes-dir");
        VolumeMount mount = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(routesDir))
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at posbridge.routes-dir "
                        + routesDir));
        Volume volume = volume(pod, mount.getName());
        assertThat(volume.getConfigMap()).as("the routes volume is a ConfigMap").isNotNull();
        ConfigMap routes = rendered.all(ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals(volume.getConfigMap().getName())).findFirst()
                .orElseThrow();

        Map<String, String> expected = new TreeMap<>();
        for (Path file : RouteFilesSchemaTest.routeFiles()) {
            expected.put(file.getFileName().toString(), Files.readString(file));
        }
        assertThat(new TreeMap<>(routes.getData())).as("the routes ConfigMap against routes/ (a new route file goes "
                + "in routes/kustomization.yaml too)").isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyRequiredSettingHasAValue(String overlay) {
        KustomizeOverlay rendered = rendered(overlay);
        Map<String, String> env = DeployedConfiguration.containerEnvironment(rendered, container(rendered),
                secretTemplate());
        // The ConfigMap mount is the routes folder in the pod; the repository's routes/ stands for it here.
        env.put("POSBRIDGE_ROUTESDIR", ROUTES.toAbsolutePath().toString());
        StandardEnvironment app = DeployedConfiguration.springEnvironment(env);
        try {
            new RequiredSettingsCheck().postProcessEnvironment(app, new SpringApplication());
        } catch (MissingSettingsException e) {
            throw new AssertionError(overlay + ": posbridge would refuse to start, missing "
                    + e.settings().stream().map(MissingSettingsException::environmentForm).toList()
                    + ": set them in the settings ConfigMap or the Secret (k8s/base/secret-template.yaml)", e);
        }
    }

    @Test
    void theSecretTemplateHoldsNoValue() throws IOException {
        Secret template = secretTemplate();
        assertThat(template.getStringData()).isNotEmpty().allSatisfy((key, value) -> assertThat(value)
                .as(key + " in the template").isEmpty());
        assertThat(template.getData()).isNullOrEmpty();
        for (String overlay : overlays().toList()) {
            assertThat(rendered(overlay).all(Secret.class)).as(overlay + " applies no Secret").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theGracePeriodOutlastsThePreStopPauseAndTheGracefulStop(String overlay) {
        KustomizeOverlay rendered = rendered(overlay);
        StandardEnvironment app = environment(rendered);
        Container container = container(rendered);
        assertThat(container.getLifecycle().getPreStop().getSleep()).as("preStop is a sleep").isNotNull();
        long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
        long camel = app.getProperty("camel.main.shutdown-timeout", Long.class,
                app.getProperty("camel.springboot.shutdown-timeout", Long.class,
                        (long) CAMEL_DEFAULT_SHUTDOWN_TIMEOUT));
        // Tomcat's graceful stop (in-flight requests) comes before Camel's in the worst case, and may take a phase.
        long webPhase = Binder.get(app).bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
                .orElse(Duration.ofSeconds(30)).toSeconds();
        assertThat(preStop).isPositive();
        assertThat(pod(rendered).getTerminationGracePeriodSeconds())
                .as("terminationGracePeriodSeconds > preStop %d + web stop %d + Camel's shutdown timeout %d",
                        preStop, webPhase, camel)
                .isGreaterThan(preStop + webPhase + camel);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void podsRunLockedDown(String overlay) {
        KustomizeOverlay rendered = rendered(overlay);
        PodSpec pod = pod(rendered);
        Container container = container(rendered);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                .findFirst().orElseThrow(() -> new AssertionError("/tmp is not mounted (read-only root filesystem)"));
        assertThat(volume(pod, tmp.getName()).getEmptyDir()).as("/tmp is an emptyDir").isNotNull();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        ServiceAccount account = rendered.one(ServiceAccount.class);
        assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
        assertThat(account.getAutomountServiceAccountToken()).isFalse();
        for (String resource : List.of("cpu", "memory")) {
            assertThat(container.getResources().getRequests()).as("requests").containsKey(resource);
            assertThat(container.getResources().getLimits()).as("limits").containsKey(resource);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theNetworkPolicyOpensTheHttpPortAndKeepsMetricsToMonitoring(String overlay) {
        KustomizeOverlay rendered = rendered(overlay);
        Container container = container(rendered);
        int http = portNumber(container, new IntOrString("http"));
        StandardEnvironment app = environment(rendered);
        int management = app.getProperty("management.server.port", Integer.class);
        NetworkPolicy policy = rendered.one(NetworkPolicy.class);
        assertThat(podLabels(rendered)).containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        Set<Integer> openToAll = new TreeSet<>();
        boolean scraped = false;
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            Set<Integer> ports = rule.getPorts().stream().map(p -> portNumber(container, p.getPort()))
                    .collect(Collectors.toSet());
            assertThat(ports).as("an ingress rule names its ports").isNotEmpty();
            if (rule.getFrom().isEmpty()) {
                openToAll.addAll(ports);
            }
            if (ports.contains(management)) {
                assertThat(rule.getFrom()).as("who reaches the management port").isNotEmpty()
                        .allSatisfy(KubernetesManifestsTest::isTheMonitoringNamespace);
                scraped = true;
            }
        }
        assertThat(openToAll).containsExactly(http);
        assertThat(scraped).as("the monitoring namespace may reach the management port").isTrue();
        Set<String> egress = policy.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).collect(Collectors.toSet());
        assertThat(egress).as("DNS, PostgreSQL, RabbitMQ, TokenX")
                .contains("UDP/53", "TCP/5432", "TCP/5672", "TCP/443");
    }

    private static void isTheMonitoringNamespace(NetworkPolicyPeer peer) {
        assertThat(peer.getPodSelector()).isNull();
        assertThat(peer.getIpBlock()).isNull();
        assertThat(peer.getNamespaceSelector().getMatchLabels())
                .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
    }

    @Test
    void prodRunsNoSandboxProfileAndTheReleasedImage() {
        KustomizeOverlay prod = rendered("prod");
        Container container = container(prod);
        Map<String, String> env = DeployedConfiguration.containerEnvironment(prod, container, secretTemplate());
        env.forEach((name, value) -> {
            if (name.startsWith("SPRING_PROFILES")) {
                assertThat(Set.of(value.split("\\s*,\\s*"))).as(name).doesNotContainAnyElementsOf(SANDBOX_PROFILES);
            }
        });
        assertThat(container.getArgs()).noneMatch(a -> a.contains("profiles"));
        assertThat(container.getCommand()).noneMatch(a -> a.contains("profiles"));
        assertThat(DeployedConfiguration.springEnvironment(env).getActiveProfiles()).isEmpty();
        for (ConfigMap map : prod.all(ConfigMap.class)) {
            assertThat(map.getData().keySet()).as(map.getMetadata().getName())
                    .noneMatch(k -> k.toUpperCase().contains("PROFILES"));
        }
        assertThat(container.getImage()).doesNotEndWith(":latest").contains("/").contains(":");
    }

    @Test
    void prodRunsSeveralReplicasKeptUpByABudgetAndAnAutoscaler() {
        KustomizeOverlay prod = rendered("prod");
        Deployment deployment = prod.one(Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        PodDisruptionBudget budget = prod.one(PodDisruptionBudget.class);
        assertThat(podLabels(prod)).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isPositive();
        HorizontalPodAutoscaler autoscaler = prod.one(HorizontalPodAutoscaler.class);
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2)
                .isLessThanOrEqualTo(autoscaler.getSpec().getMaxReplicas());
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private static Secret secretTemplate() {
        try {
            return (Secret) KustomizeOverlay.parse(Files.readString(SECRET_TEMPLATE)).get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static StandardEnvironment environment(KustomizeOverlay overlay) {
        return DeployedConfiguration.springEnvironment(
                DeployedConfiguration.containerEnvironment(overlay, container(overlay), secretTemplate()));
    }

    private static PodSpec pod(KustomizeOverlay overlay) {
        return overlay.one(Deployment.class).getSpec().getTemplate().getSpec();
    }

    private static Map<String, String> podLabels(KustomizeOverlay overlay) {
        return overlay.one(Deployment.class).getSpec().getTemplate().getMetadata().getLabels();
    }

    private static Container container(KustomizeOverlay overlay) {
        return pod(overlay).getContainers().stream().filter(c -> c.getName().equals("posbridge")).findFirst()
                .orElseThrow(() -> new AssertionError(overlay.name() + ": no container named posbridge"));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** A port given by number or by the name of one of the container's ports. */
    private static int portNumber(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("the container has no port named " + port.getStrVal()));
    }
}
