package dev.synack.admin.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.synack.admin.model.ProxyCreate;
import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code -config} file: what Toxiproxy reads, read the same; what it would only log, every problem listed. */
class AdminPopulateFileTest {
    @TempDir
    Path dir;

    private static List<String> errors(String json) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> PopulateFileReader.parse(json, "proxies.json"));
        assertThat(e).as("should be refused: %s", json).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void toxiproxysReadmeExampleReads() throws Exception {
        Path file = dir.resolve("toxiproxy.json");
        Files.writeString(file, """
                [
                  {"name": "web_dev_frontend_1", "listen": "[::]:18080", "upstream": "webapp.domain:8080", "enabled": true},
                  {"name": "web_dev_mysql_1",    "listen": "[::]:13306", "upstream": "database.domain:3306", "enabled": true}
                ]
                """);
        assertThat(PopulateFileReader.read(file)).containsExactly(
                new ProxyCreate("web_dev_frontend_1", "[::]:18080", "webapp.domain:8080", true),
                new ProxyCreate("web_dev_mysql_1", "[::]:13306", "database.domain:3306", true));
    }

    @Test
    void keysIgnoreCaseUnknownKeysAndNullsAreIgnoredAndDefaultsApply() throws Exception {
        assertThat(PopulateFileReader.parse("[{\"Name\":\"a\",\"UPSTREAM\":\"redis:6379\",\"toxics\":[{\"type\":\"latency\"}],"
                + "\"enabled\":null}, {\"name\":\"b\",\"listen\":\":8666\",\"upstream\":\"u:1\",\"enabled\":false}]", "f.json"))
                .containsExactly(new ProxyCreate("a", "", "redis:6379", true), new ProxyCreate("b", ":8666", "u:1", false));
        assertThat(PopulateFileReader.parse("[]", "f.json")).isEmpty();
    }

    @Test
    void everyProblemIsListedWithItsPath() {
        assertThat(errors("""
                [
                  {"name": "a", "listen": "127.0.0.1:8666", "upstream": "redis:6379"},
                  {"listen": "local373", "upstream": "db"},
                  {"name": "a", "listen": "127.0.0.1:8666", "enabled": "yes"},
                  5,
                  {"name": 7, "upstream": "u:0"}
                ]""")).containsExactly(
                "[1].name: missing (expected: a proxy name)",
                "[1].upstream: \"db\" (expected: host:port of the service, with a port from 1 to 65535)",
                "[1].listen: \"local373\" (expected: host:port, :port or \"\" (any interface), with a port from 0 to 65535)",
                "[2].enabled: \"yes\" (expected: true or false)",
                "[2].upstream: missing (expected: host:port of the service, with a port from 1 to 65535)",
                "[3]: 5 (expected: an object with name, listen, upstream and enabled)",
                "[4].name: 7 (expected: a proxy name)",
                "[4].upstream: \"u:0\" (expected: host:port of the service, with a port from 1 to 65535)");
    }

    @Test
    void namesAndListenAddressesAreUnique() {
        assertThat(errors("[{\"name\":\"a\",\"listen\":\"127.0.0.1:8666\",\"upstream\":\"u:1\"},"
                + "{\"name\":\"a\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"u:2\"},"
                + "{\"name\":\"b\",\"listen\":\"127.0.0.1:8666\",\"upstream\":\"u:3\"}]")).containsExactly(
                "[1].name: \"a\" (expected: a name no other proxy has; [0] has it)",
                "[2].listen: \"127.0.0.1:8666\" (expected: an address no other proxy has; [0] has it)");
    }

    @Test
    void aFileThatIsNoArrayOrNoJsonOrMissingIsOneError() {
        assertThat(errors("{\"web\": {\"listen\": \":1\"}}")).containsExactly("proxies.json: {\"web\":{\"listen\":\":1\"}} "
                + "(expected: a JSON array of proxies, each {\"name\", \"listen\", \"upstream\", \"enabled\"})");
        assertThat(errors("")).containsExactly("proxies.json: empty "
                + "(expected: a JSON array of proxies, each {\"name\", \"listen\", \"upstream\", \"enabled\"})");
        assertThat(errors("[{\"name\": }]")).containsExactly(
                "proxies.json:1:11: invalid character '}' looking for beginning of value (expected: valid JSON)");
        Path missing = dir.resolve("nope.json");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> PopulateFileReader.read(missing));
        assertThat(e.errors()).map(ConfigError::toString)
                .containsExactly(missing + ": cannot read (NoSuchFileException) (expected: a readable JSON file)");
    }
}
