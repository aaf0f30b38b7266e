package dev.synack.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synack.config.ConfigLoader;
import dev.synack.config.SynackConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests of {@code docker/k8s}, parsed: the config in a ConfigMap that synack loads, the
 * container reading it where it is mounted, readiness on {@code /version}, and ports that agree with the
 * config and the Service.
 */
class AdminKubernetesTest {
    private static List<JsonNode> docs(String file) throws IOException {
        return ImageFiles.yamlDocuments(ImageFiles.DOCKER.resolve("k8s").resolve(file));
    }

    private static JsonNode synackContainer(JsonNode deployment) {
        for (JsonNode c : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (c.path("name").asText().equals("synack")) {
                return c;
            }
        }
        throw new AssertionError("no synack container");
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port " + name);
    }

    /** The ConfigMap's synack.yaml, loaded as synack loads it (faults aside, see {@link ImageFiles#withoutFaults}). */
    private static SynackConfig config(List<JsonNode> docs) throws Exception {
        JsonNode data = ImageFiles.kind(docs, "ConfigMap").path("data");
        assertThat(data.fieldNames()).toIterable().containsExactly("synack.yaml");
        return ConfigLoader.parse(ImageFiles.withoutFaults(data.path("synack.yaml").asText()), "synack.yaml");
    }

    /** The container runs the mounted config and is ready when the admin API answers /version. */
    private static void assertRunsTheConfigMap(List<JsonNode> docs, JsonNode synack, SynackConfig config) {
        JsonNode pod = ImageFiles.kind(docs, "Deployment").path("spec").path("template").path("spec");
        assertThat(synack.path("image").asText()).isEqualTo("synack:dev");
        List<String> args = new ArrayList<>();
        synack.path("args").forEach(a -> args.add(a.asText()));
        assertThat(args).containsExactly("run", "-c", "/etc/synack/synack.yaml");
        JsonNode mount = synack.path("volumeMounts").get(0);
        assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/synack");
        JsonNode volume = pod.path("volumes").get(0);
        assertThat(volume.path("name").asText()).isEqualTo(mount.path("name").asText());
        assertThat(volume.path("configMap").path("name").asText())
                .isEqualTo(ImageFiles.kind(docs, "ConfigMap").path("metadata").path("name").asText());
        JsonNode readiness = synack.path("readinessProbe").path("httpGet");
        assertThat(readiness.path("path").asText()).isEqualTo("/version");
        assertThat(readiness.path("port").asText()).isEqualTo("admin");
        assertThat(containerPort(synack, "admin")).isEqualTo(config.admin().listen().port()).isEqualTo(8474);
        assertThat(config.admin().listen().host()).as("the kubelet probes the pod's address").isEqualTo("0.0.0.0");
        assertThat(config.admin().insecure()).isTrue();
    }

    @Test
    void aDeploymentAndServiceInFrontOfAService() throws Exception {
        List<JsonNode> docs = docs("proxy.yaml");
        SynackConfig config = config(docs);
        JsonNode synack = synackContainer(ImageFiles.kind(docs, "Deployment"));
        assertRunsTheConfigMap(docs, synack, config);
        assertThat(containerPort(synack, "orders")).isEqualTo(config.proxies().get(0).listen().port()).isEqualTo(8666);

        JsonNode service = ImageFiles.kind(docs, "Service").path("spec");
        assertThat(service.path("selector")).isEqualTo(ImageFiles.kind(docs, "Deployment").path("spec").path("selector").path("matchLabels"));
        List<String> targets = new ArrayList<>();
        service.path("ports").forEach(p -> targets.add(p.path("targetPort").asText()));
        assertThat(targets).containsExactly("orders", "admin");
        String faults = ImageFiles.kind(docs, "ConfigMap").path("data").path("synack.yaml").asText();
        assertThat(ImageFiles.YAML.readTree(faults).path("proxies").get(0).path("faults").get(0).path("type").asText()).isEqualTo("latency");
    }

    @Test
    void aSidecarTheAppReachesOnThePodsLoopback() throws Exception {
        List<JsonNode> docs = docs("sidecar.yaml");
        SynackConfig config = config(docs);
        JsonNode deployment = ImageFiles.kind(docs, "Deployment");
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(2);
        assertRunsTheConfigMap(docs, synackContainer(deployment), config);
        String listen = config.proxies().get(0).listen().toString();
        assertThat(listen).isEqualTo("127.0.0.1:16379");
        assertThat(containers.get(0).path("env").get(0).path("value").asText()).as("the app calls the sidecar").isEqualTo(listen);
    }
}
