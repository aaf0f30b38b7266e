package dev.synack.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.synack.admin.AdminFixture;
import dev.synack.admin.AdminServer;
import dev.synack.admin.AdminSettings;
import dev.synack.admin.FakeBackend;
import dev.synack.admin.json.PopulateFileReader;
import dev.synack.cli.ToxiproxyFlagParser;
import dev.synack.cli.ToxiproxyFlags;
import dev.synack.config.ConfigLoader;
import dev.synack.config.SynackConfig;
import dev.synack.testkit.StandInJava;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image without a container engine: the Dockerfile read as instructions, the entrypoint
 * script run as a process (with a stand-in {@code java} that reports the command line it gets), and that
 * command line served in this JVM over the fake backend, as Testcontainers would reach it.
 */
class AdminImageTest {
    @TempDir
    Path dir;

    @Test
    void twoStagesMavenThenAJre17WithTheShadedJar() throws IOException {
        List<ImageFiles.Instruction> from = ImageFiles.all("FROM");
        assertThat(from).hasSize(2);
        assertThat(from.get(0).arguments()).startsWith("maven:").contains("temurin-17").endsWith(" AS build");
        assertThat(from.get(1).arguments()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(ImageFiles.all("RUN")).anyMatch(r -> r.arguments().contains("mvn") && r.arguments().contains("package"));
        assertThat(ImageFiles.all("COPY")).extracting(ImageFiles.Instruction::arguments)
                .contains("--from=build /src/proxy/target/synack.jar /opt/synack/synack.jar", "docker/synack /usr/local/bin/synack");
    }

    @Test
    void exposesWhatToxiproxyContainerExpectsAndServesToxiproxyStyleByDefault() throws IOException {
        assertThat(ImageFiles.all("EXPOSE")).extracting(ImageFiles.Instruction::arguments).containsExactly("8474 8666-8697");
        assertThat(ImageFiles.execForm("ENTRYPOINT")).containsExactly("synack");
        assertThat(ImageFiles.execForm("CMD")).containsExactly("-host=0.0.0.0", "-port=8474", "-insecure");
        assertThat(ImageFiles.all("ENV")).anyMatch(e -> e.arguments().contains("SYNACK_ADMIN_INSECURE=true"));
        // The launcher's collector (scripts/synack), for the same reason: the tail of a connection's round trips.
        assertThat(ImageFiles.all("ENV")).anyMatch(e -> e.arguments().contains("JAVA_OPTS=\"-XX:MaxRAMPercentage=75 -XX:+UseParallelGC\""));
        assertThat(ImageFiles.all("USER")).extracting(ImageFiles.Instruction::arguments).containsExactly("synack");
    }

    @Test
    void theReadmesPromiseTheImagesCommandLineAndPorts() throws IOException {
        String commandLine = String.join(" ", ImageFiles.execForm("ENTRYPOINT")) + " " + String.join(" ", ImageFiles.execForm("CMD"));
        for (Path readme : List.of(ImageFiles.REPO.resolve("README.md"), ImageFiles.DOCKER.resolve("README.md"))) {
            assertThat(Files.readString(readme)).as(readme.toString()).contains("`" + commandLine + "`").contains("8666-8697")
                    .contains("asCompatibleSubstituteFor(\"ghcr.io/shopify/toxiproxy\")");
        }
    }

    @Test
    void theEntrypointTurnsToxiproxyFlagsIntoRunAndLeavesSynackCommandsAlone() throws Exception {
        Map<String, String> insecure = Map.of("SYNACK_ADMIN_INSECURE", "true");
        String jar = "-jar /opt/synack/synack.jar ";
        assertThat(entrypoint(insecure, ImageFiles.execForm("CMD"))).isEqualTo(jar + "run -host=0.0.0.0 -port=8474 -insecure");
        assertThat(entrypoint(insecure, List.of("-host=0.0.0.0", "-config=/tmp/tc-toxiproxy.json")))
                .as("Testcontainers for Go's command line").isEqualTo(jar + "run -host=0.0.0.0 -config=/tmp/tc-toxiproxy.json -insecure");
        assertThat(entrypoint(Map.of("SYNACK_ADMIN_INSECURE", "false"), List.of("-host=0.0.0.0")))
                .isEqualTo(jar + "run -host=0.0.0.0");
        assertThat(entrypoint(insecure, List.of("run", "-c", "/etc/synack/synack.yaml"))).isEqualTo(jar + "run -c /etc/synack/synack.yaml");
        assertThat(entrypoint(insecure, List.of("list", "--admin", "http://synack:8474"))).isEqualTo(jar + "list --admin http://synack:8474");
        assertThat(entrypoint(insecure, List.of("--version"))).isEqualTo(jar + "--version");
    }

    /**
     * The image's default command line served in this JVM: its flags read as {@code synack run} will read
     * them, the admin API bound as they say (0.0.0.0, insecure; port 0 instead of 8474, as tests bind no
     * fixed port), and reached over loopback the way Testcontainers waits for it and drives it.
     */
    @Test
    void theDefaultCommandLineServesToxiproxysApiOnEveryInterface() throws Exception {
        List<String> args = ImageFiles.execForm("CMD");
        ToxiproxyFlags flags = ToxiproxyFlagParser.parse(args);
        assertThat(flags.host()).isEqualTo("0.0.0.0");
        assertThat(flags.port()).isEqualTo(8474);
        assertThat(flags.insecure()).isTrue();
        FakeBackend backend = new FakeBackend();
        Path config = dir.resolve("tc-toxiproxy.json");
        Files.writeString(config, "[{\"name\":\"redis\",\"listen\":\"0.0.0.0:8666\",\"upstream\":\"redis:6379\",\"enabled\":true}]");
        backend.populate(PopulateFileReader.read(config));
        AdminSettings settings = AdminSettings.of(flags.host(), 0, AdminFixture.VERSION).withInsecure(flags.insecure());
        try (AdminServer server = AdminServer.start(settings, backend)) {
            int port = server.address().getPort();
            HttpResponse<String> version = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/version")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(version.statusCode()).as("Testcontainers' wait strategy").isEqualTo(200);
            ToxiproxyClient client = new ToxiproxyClient(InetAddress.getLoopbackAddress().getHostAddress(), port);
            assertThat(client.getProxy("redis").getListen()).isEqualTo("[::]:8666");
            assertThat(client.createProxy("pg", "0.0.0.0:8667", "postgres:5432").getListen()).isEqualTo("[::]:8667");
        }
    }

    @Test
    void composeRunsSynackInFrontOfAServiceWithItsConfigMounted() throws Exception {
        JsonNode compose = ImageFiles.YAML.readTree(ImageFiles.DOCKER.resolve("compose.yaml").toFile());
        JsonNode synack = compose.path("services").path("synack");
        assertThat(synack.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(texts(synack.path("command"))).containsExactly("run", "-c", "/etc/synack/synack.yaml");
        assertThat(texts(synack.path("volumes"))).containsExactly("./compose/synack.yaml:/etc/synack/synack.yaml:ro");
        assertThat(texts(synack.path("ports"))).containsExactly("127.0.0.1:8474:8474", "127.0.0.1:6380:6380");
        assertThat(texts(synack.path("depends_on"))).containsExactly("redis");

        String text = Files.readString(ImageFiles.DOCKER.resolve("compose/synack.yaml"));
        assertThat(ImageFiles.YAML.readTree(text).path("proxies").get(0).path("faults").get(0).path("type").asText()).isEqualTo("latency");
        SynackConfig config = ConfigLoader.parse(ImageFiles.withoutFaults(text), "compose/synack.yaml");
        assertThat(config.admin().insecure()).isTrue();
        assertThat(config.proxies().get(0).listen().port()).isEqualTo(6380);
        assertThat(config.proxies().get(0).upstreams().get(0).host()).isEqualTo("redis");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Runs {@code docker/synack} with a stand-in {@code java} first on the PATH, and returns the arguments java got. */
    private String entrypoint(Map<String, String> env, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", ImageFiles.DOCKER.resolve("synack").toString()));
        cmd.addAll(args);
        return StandInJava.run(dir, cmd, List.of("JAVA_OPTS", "SYNACK_JAR"), env);
    }
}
