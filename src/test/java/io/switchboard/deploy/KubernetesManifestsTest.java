package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/kubernetes, read with the Kubernetes model itself (fabric8), and held to what the application
 * really listens on, reads and needs: a manifest that drifts from application.properties, the
 * Dockerfile or the list of variables fails here rather than in an operator's cluster.
 */
class KubernetesManifestsTest {

    private static final Path MANIFESTS = Path.of("deploy", "kubernetes");
    private static final Path APPLICATION_PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    private static final Path JVM_DOCKERFILE = Path.of("src", "main", "docker", "Dockerfile.jvm");

    /** Every environment variable the service reads (README, "Configuration"); the manifests set no other. */
    private static final Set<String> SERVICE_VARIABLES = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_FLYWAY_JDBC_URL",
            "QUARKUS_FLYWAY_USERNAME",
            "QUARKUS_FLYWAY_PASSWORD",
            "SWITCHBOARD_CRYPTO_KEYS",
            "SWITCHBOARD_OPS_TOKEN_SHA256",
            "SMALLRYE_JWT_SIGN_KEY_LOCATION",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
            "SWITCHBOARD_PUBLIC_BASE_URL",
            "SWITCHBOARD_TWILIO_API_BASE_URL",
            "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES",
            "SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE");

    /** Makes Quarkus run its init tasks (Flyway migrate) and exit: the migrate Job's alone. */
    private static final String INIT_AND_EXIT = "QUARKUS_INIT_AND_EXIT";

    /** The owner login's settings: only the migrate Job may have them. */
    private static final String OWNER_LOGIN_PREFIX = "QUARKUS_FLYWAY_";

    /** Secret "switchboard": the keys deploy/make-secrets.sh writes into switchboard-secrets/switchboard.env. */
    private static final String SECRET = "switchboard";

    private static final Set<String> SECRET_KEYS = Set.of(
            "SWITCHBOARD_CRYPTO_KEYS",
            "SWITCHBOARD_OPS_TOKEN_SHA256",
            "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_FLYWAY_PASSWORD");

    /** Secret "switchboard-jwt": the key pair, mounted as files. */
    private static final String JWT_SECRET = "switchboard-jwt";

    private static final Map<String, String> JWT_KEY_FILES = Map.of(
            "SMALLRYE_JWT_SIGN_KEY_LOCATION", "jwt-private.pem",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "jwt-public.pem");

    private static List<HasMetadata> manifests;
    private static Properties application;

    @BeforeAll
    static void readManifestsAndApplicationProperties() throws IOException {
        manifests = new ArrayList<>();
        for (Path file : manifestFiles()) {
            manifests.addAll(KubernetesModel.parse(file));
        }
        application = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES, StandardCharsets.UTF_8)) {
            application.load(reader);
        }
    }

    @Test
    void everyManifestParsesIntoItsTypedKindWithNoUnknownField() {
        assertThat(manifests).as("manifests under " + MANIFESTS).isNotEmpty();
        assertThat(manifests)
                .filteredOn(GenericKubernetesResource.class::isInstance)
                .extracting(resource -> resource.getApiVersion() + " " + KubernetesModel.describe(resource))
                .as("kinds the Kubernetes model does not know")
                .isEmpty();
        assertThat(manifests)
                .flatExtracting(resource -> KubernetesModel.unknownFields(resource).stream()
                        .map(field -> KubernetesModel.describe(resource) + " " + field)
                        .toList())
                .as("fields the Kubernetes model does not know")
                .isEmpty();
        assertThat(manifests)
                .extracting(KubernetesModel::describe)
                .contains(
                        "ConfigMap/switchboard",
                        "Deployment/switchboard",
                        "Job/switchboard-migrate",
                        "Service/switchboard",
                        "PodDisruptionBudget/switchboard",
                        "HorizontalPodAutoscaler/switchboard",
                        "NetworkPolicy/switchboard")
                .doesNotHaveDuplicates();
    }

    @Test
    void aMisspelledFieldIsCaughtWithItsPath() {
        Deployment deployment = new KubernetesSerialization()
                .unmarshal(
                        """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: typo
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          imagePullPolicyy: Always
                """,
                        Deployment.class);

        assertThat(KubernetesModel.unknownFields(deployment))
                .containsExactly("spec.template.spec.containers[0]: [imagePullPolicyy]");
    }

    @Test
    void probesAskTheManagementPortForTheHealthPathsTheApplicationServes() {
        assertThat(setting("quarkus.management.enabled", "false")).isEqualTo("true");
        int managementPort = Integer.parseInt(setting("quarkus.management.port", "9000"));
        String health = setting("quarkus.management.root-path", "/q") + "/"
                + setting("quarkus.smallrye-health.root-path", "health");
        Container container = serviceContainer();

        assertThat(httpGet(container.getStartupProbe()).getPath()).isEqualTo(health + "/started");
        assertThat(httpGet(container.getLivenessProbe()).getPath()).isEqualTo(health + "/live");
        assertThat(httpGet(container.getReadinessProbe()).getPath()).isEqualTo(health + "/ready");
        for (Probe probe :
                List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe())) {
            assertThat(containerPort(container, httpGet(probe).getPort())).isEqualTo(managementPort);
        }
    }

    @Test
    void theServiceReachesTheApiPortAndNeverTheManagementPort() {
        int httpPort = Integer.parseInt(setting("quarkus.http.port", "8080"));
        int managementPort = Integer.parseInt(setting("quarkus.management.port", "9000"));
        Service service = named(Service.class, "switchboard");
        Container container = serviceContainer();

        assertThat(service.getSpec().getPorts()).hasSize(1);
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(port.getPort()).isEqualTo(80);
        assertThat(containerPort(container, port.getTargetPort())).isEqualTo(httpPort);
        assertThat(labelsMatch(service.getSpec().getSelector(), podLabels(deployment())))
                .as("selects the service's pods")
                .isTrue();
        assertThat(labelsMatch(service.getSpec().getSelector(), podLabels(migrateJob())))
                .as("selects the migrate Job's pod")
                .isFalse();
        // The management port is reachable inside the cluster only (switchboard-management, for Prometheus).
        assertThat(all(Service.class))
                .allSatisfy(any -> assertThat(any.getSpec().getType()).isIn(null, "ClusterIP"));
        assertThat(all(Service.class))
                .filteredOn(any -> any.getSpec().getPorts().stream()
                        .anyMatch(p -> containerPort(container, p.getTargetPort()) == managementPort))
                .extracting(KubernetesModel::describe)
                .doesNotContain("Service/switchboard");
    }

    @Test
    void theServiceAndItsMigrationsRunTheSameImage() {
        assertThat(serviceContainer().getImage())
                .isNotBlank()
                .isEqualTo(migrateContainer().getImage());
    }

    @Test
    void secretsAreReferencedKeyByKeyAndOnlyTheJobHoldsTheOwnerPassword() {
        for (Container container : List.of(serviceContainer(), migrateContainer())) {
            assertThat(container.getEnvFrom())
                    .as("envFrom would pass on every key")
                    .isNullOrEmpty();
            for (EnvVar variable : container.getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    var reference = variable.getValueFrom().getSecretKeyRef();
                    assertThat(reference.getName()).as(variable.getName()).isEqualTo(SECRET);
                    assertThat(reference.getKey()).as(variable.getName()).isIn(SECRET_KEYS);
                }
            }
        }
        assertThat(secretKeys(serviceContainer())).doesNotContain("QUARKUS_FLYWAY_PASSWORD");
        assertThat(secretKeys(migrateContainer())).contains("QUARKUS_FLYWAY_PASSWORD");
    }

    @Test
    void onlyTheMigrateJobHasTheOwnerLoginAndInitAndExit() {
        assertThat(variableNames(serviceContainer()))
                .noneMatch(name -> name.startsWith(OWNER_LOGIN_PREFIX))
                .doesNotContain(INIT_AND_EXIT);
        assertThat(variableNames(migrateContainer()))
                .contains("QUARKUS_FLYWAY_JDBC_URL", "QUARKUS_FLYWAY_USERNAME", "QUARKUS_FLYWAY_PASSWORD");
        assertThat(migrateContainer().getEnv())
                .filteredOn(variable -> variable.getName().equals(INIT_AND_EXIT))
                .singleElement()
                .extracting(EnvVar::getValue)
                .isEqualTo("true");
    }

    @Test
    void everyVariableSetIsOneTheApplicationReads() {
        assertThat(variableNames(serviceContainer())).isSubsetOf(SERVICE_VARIABLES);
        assertThat(variableNames(migrateContainer()))
                .allMatch(name -> SERVICE_VARIABLES.contains(name) || name.equals(INIT_AND_EXIT));
        ConfigMap config = named(ConfigMap.class, "switchboard");
        assertThat(config.getData().keySet()).isSubsetOf(SERVICE_VARIABLES);
        for (Container container : List.of(serviceContainer(), migrateContainer())) {
            for (EnvVar variable : container.getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getConfigMapKeyRef() != null) {
                    var reference = variable.getValueFrom().getConfigMapKeyRef();
                    assertThat(reference.getName()).isEqualTo("switchboard");
                    assertThat(reference.getKey()).as(variable.getName()).isEqualTo(variable.getName());
                    if (!Boolean.TRUE.equals(reference.getOptional())) {
                        assertThat(config.getData()).as(variable.getName()).containsKey(reference.getKey());
                    }
                }
            }
        }
        assertThat(config.getData().get("SWITCHBOARD_PUBLIC_BASE_URL")).startsWith("https://");
        assertThat(config.getData().getOrDefault("SWITCHBOARD_WEBHOOKS_ALLOW_PRIVATE", "false"))
                .isEqualToIgnoringCase("false");
        // Kubernetes would otherwise add SWITCHBOARD_SERVICE_HOST and the like for the Services here.
        assertThat(deployment().getSpec().getTemplate().getSpec().getEnableServiceLinks())
                .isFalse();
        assertThat(migrateJob().getSpec().getTemplate().getSpec().getEnableServiceLinks())
                .isFalse();
    }

    @Test
    void jwtKeyLocationsAreTheMountedSecretFiles() {
        for (PodTemplateSpec pod : List.of(
                deployment().getSpec().getTemplate(), migrateJob().getSpec().getTemplate())) {
            Container container = pod.getSpec().getContainers().get(0);
            Volume keys = pod.getSpec().getVolumes().stream()
                    .filter(volume -> volume.getSecret() != null
                            && JWT_SECRET.equals(volume.getSecret().getSecretName()))
                    .findFirst()
                    .orElseThrow();
            VolumeMount mount = mount(container, keys.getName());
            assertThat(mount.getReadOnly()).isTrue();
            SecretVolumeSource secret = keys.getSecret();
            JWT_KEY_FILES.forEach((variable, key) -> {
                String file = secret.getItems() == null
                        ? key
                        : secret.getItems().stream()
                                .filter(item -> item.getKey().equals(key))
                                .findFirst()
                                .orElseThrow()
                                .getPath();
                assertThat(value(container, variable)).isEqualTo(mount.getMountPath() + "/" + file);
            });
        }
    }

    @Test
    void podsRunAsTheImagesUnprivilegedUserOnAReadOnlyRootWithAWritableTmp() throws IOException {
        long imageUser = dockerfileUser();
        for (PodTemplateSpec pod : List.of(
                deployment().getSpec().getTemplate(), migrateJob().getSpec().getTemplate())) {
            PodSecurityContext podContext = pod.getSpec().getSecurityContext();
            assertThat(podContext.getRunAsNonRoot()).isTrue();
            assertThat(podContext.getRunAsUser()).isEqualTo(imageUser);
            assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();

            Container container = pod.getSpec().getContainers().get(0);
            SecurityContext context = container.getSecurityContext();
            assertThat(context.getRunAsNonRoot()).isTrue();
            assertThat(context.getRunAsUser()).isEqualTo(imageUser);
            assertThat(context.getReadOnlyRootFilesystem()).isTrue();
            assertThat(context.getAllowPrivilegeEscalation()).isFalse();
            assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE);
            assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
            assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
            assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

            VolumeMount tmp = container.getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst()
                    .orElseThrow();
            assertThat(volume(pod, tmp.getName()).getEmptyDir()).isNotNull();
        }
    }

    @Test
    void shutdownHasTimeForThePreStopWaitAndTheRequestsInFlight() {
        Duration shutdownTimeout =
                Duration.parse("PT" + setting("quarkus.shutdown.timeout", "0S").toUpperCase(Locale.ROOT));
        Container container = serviceContainer();
        // A sleep action, not exec: the native image has no shell to run "sleep" in.
        LifecycleHandler preStop = container.getLifecycle().getPreStop();
        assertThat(preStop.getExec()).isNull();
        assertThat(preStop.getSleep()).as("a preStop sleep action").isNotNull();
        long preStopSleep = preStop.getSleep().getSeconds();
        assertThat(preStopSleep).isPositive();

        assertThat(deployment().getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan(preStopSleep + shutdownTimeout.toSeconds())
                .isGreaterThanOrEqualTo(30);
    }

    @Test
    void rolloutsDrainsAndAutoscalingKeepAReplicaServing() {
        Deployment deployment = deployment();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
                .isEqualTo(new IntOrString(0));
        assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge())
                .isEqualTo(new IntOrString(1));
        assertThat(selects(deployment.getSpec().getSelector(), podLabels(deployment)))
                .as("the Deployment selects its own pods")
                .isTrue();
        assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
                .as("replicas spread across nodes")
                .anyMatch(spread -> spread.getTopologyKey().equals("kubernetes.io/hostname")
                        && selects(spread.getLabelSelector(), podLabels(deployment)));

        PodDisruptionBudget budget = named(PodDisruptionBudget.class, "switchboard");
        assertThat(budget.getSpec().getMinAvailable()).isEqualTo(new IntOrString(1));
        assertThat(selects(budget.getSpec().getSelector(), podLabels(deployment)))
                .as("the PodDisruptionBudget selects the service's pods")
                .isTrue();
        assertThat(selects(budget.getSpec().getSelector(), podLabels(migrateJob())))
                .as("the PodDisruptionBudget selects the migrate Job's pod")
                .isFalse();

        HorizontalPodAutoscaler autoscaler = named(HorizontalPodAutoscaler.class, "switchboard");
        var target = autoscaler.getSpec().getScaleTargetRef();
        assertThat(List.of(target.getApiVersion(), target.getKind(), target.getName()))
                .containsExactly(
                        "apps/v1", "Deployment", deployment.getMetadata().getName());
        assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(autoscaler.getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(autoscaler.getSpec().getMetrics())
                .singleElement()
                .satisfies(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
    }

    @Test
    void theMigrateJobFailsFastAndCleansUpAfterItself() {
        Job job = migrateJob();
        assertThat(job.getSpec().getBackoffLimit()).isBetween(0, 3);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isPositive();
        assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(migrateContainer().getPorts()).as("it serves nothing").isNullOrEmpty();
    }

    @Test
    void prometheusScrapesTheMetricsPathOnTheManagementPort() {
        Map<String, String> annotations =
                deployment().getSpec().getTemplate().getMetadata().getAnnotations();
        assertThat(annotations)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", setting("quarkus.management.port", "9000"))
                .containsEntry(
                        "prometheus.io/path", setting("quarkus.micrometer.export.prometheus.path", "/q/metrics"));
    }

    @Test
    void theApiIsOpenToTheInternetAndTheManagementPortOnlyToMonitoring() {
        int httpPort = Integer.parseInt(setting("quarkus.http.port", "8080"));
        int managementPort = Integer.parseInt(setting("quarkus.management.port", "9000"));
        NetworkPolicy policy = named(NetworkPolicy.class, "switchboard");
        Container container = serviceContainer();
        assertThat(selects(policy.getSpec().getPodSelector(), podLabels(deployment())))
                .as("the NetworkPolicy selects the service's pods")
                .isTrue();
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");

        List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
        assertThat(rules)
                .as("the API port from anywhere")
                .anyMatch(rule -> admitsPort(rule, container, httpPort) && isNullOrEmpty(rule.getFrom()));
        assertThat(rules)
                .filteredOn(rule -> admitsPort(rule, container, managementPort))
                .as("the management port only from namespaces labelled for monitoring")
                .isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.getFrom()).isNotEmpty().allSatisfy(peer -> {
                    assertThat(peer.getIpBlock()).isNull();
                    assertThat(peer.getNamespaceSelector().getMatchLabels()).isNotEmpty();
                }));
    }

    // --- Reading the manifests ---------------------------------------------------------------------

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MANIFESTS)) {
            return files.filter(file ->
                            file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> kind) {
        return manifests.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(resource -> name.equals(resource.getMetadata().getName()))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(kind.getSimpleName() + "/" + name + " not found in " + MANIFESTS));
    }

    private static Deployment deployment() {
        return named(Deployment.class, "switchboard");
    }

    private static Job migrateJob() {
        return named(Job.class, "switchboard-migrate");
    }

    private static Container serviceContainer() {
        return onlyContainer(deployment().getSpec().getTemplate());
    }

    private static Container migrateContainer() {
        return onlyContainer(migrateJob().getSpec().getTemplate());
    }

    private static Container onlyContainer(PodTemplateSpec pod) {
        assertThat(pod.getSpec().getContainers()).hasSize(1);
        return pod.getSpec().getContainers().get(0);
    }

    private static Map<String, String> podLabels(Deployment deployment) {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static Map<String, String> podLabels(Job job) {
        return job.getSpec().getTemplate().getMetadata().getLabels();
    }

    private static List<String> variableNames(Container container) {
        return container.getEnv().stream().map(EnvVar::getName).toList();
    }

    private static List<String> secretKeys(Container container) {
        return container.getEnv().stream()
                .filter(variable -> variable.getValueFrom() != null
                        && variable.getValueFrom().getSecretKeyRef() != null)
                .map(variable -> variable.getValueFrom().getSecretKeyRef().getKey())
                .toList();
    }

    private static String value(Container container, String name) {
        return container.getEnv().stream()
                .filter(variable -> variable.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not set on " + container.getName()))
                .getValue();
    }

    private static VolumeMount mount(Container container, String volume) {
        return container.getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals(volume))
                .findFirst()
                .orElseThrow(() -> new AssertionError("volume " + volume + " is not mounted"));
    }

    private static Volume volume(PodTemplateSpec pod, String name) {
        return pod.getSpec().getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static HTTPGetAction httpGet(Probe probe) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet()).as("an HTTP probe").isNotNull();
        return probe.getHttpGet();
    }

    /** The container port a port reference (a number, or a port's name) resolves to. */
    private static int containerPort(Container container, IntOrString port) {
        if (port.getStrVal() == null) {
            return port.getIntVal();
        }
        return container.getPorts().stream()
                .filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port.getStrVal()));
    }

    private static boolean admitsPort(NetworkPolicyIngressRule rule, Container container, int port) {
        return isNullOrEmpty(rule.getPorts())
                || rule.getPorts().stream()
                        .anyMatch(p -> p.getPort() == null || containerPort(container, p.getPort()) == port);
    }

    /** Whether a selector (matchLabels only: the manifests use nothing else) selects these labels. */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        assertThat(selector.getMatchExpressions()).isNullOrEmpty();
        return labelsMatch(selector.getMatchLabels(), labels);
    }

    private static boolean labelsMatch(Map<String, String> selector, Map<String, String> labels) {
        assertThat(selector).as("an empty selector selects everything").isNotEmpty();
        return labels.entrySet().containsAll(selector.entrySet());
    }

    private static boolean isNullOrEmpty(Collection<?> collection) {
        return collection == null || collection.isEmpty();
    }

    // --- Reading the application ---------------------------------------------------------------------

    /** A production setting from application.properties, or Quarkus' default when it is not set there. */
    private static String setting(String key, String quarkusDefault) {
        return application.getProperty("%prod." + key, application.getProperty(key, quarkusDefault));
    }

    /** The numeric USER of the JVM image, which the pods must run as. */
    private static long dockerfileUser() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\d+)\\s*$").matcher(Files.readString(JVM_DOCKERFILE));
        assertThat(user.find()).as("a numeric USER in " + JVM_DOCKERFILE).isTrue();
        return Long.parseLong(user.group(1));
    }
}
