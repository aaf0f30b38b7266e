package dev.synack.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a {@link SynackConfig} from YAML or JSON, collecting every error before failing.
 *
 * <p>The text ({@link ConfigText}: at most 256 KiB of UTF-8) is parsed to a tree first ({@link TreeParser}: one
 * document, no aliases, bounded nesting), then read by hand so that every error names its path. Each error
 * is one {@link ConfigError}, shown as {@code path: found (expected: ...)}, in one of these forms:
 * <pre>
 * bad value     proxies[0].limits.idle_timeout: "5x" (expected: a duration from 0s to 8760h, like 250ms, 2s, 10m)
 * out of range  proxies[0].downstream.max_segment: 40 (expected: an integer from 88 to 65535)
 * wrong type    proxies: "x" (expected: a list of proxies)
 * unknown key   proxies[0].downstream.keepalve: unknown key (expected: keepalive)
 *               proxies[0].colour: unknown key (expected: one of name, listen, upstream, ...)
 * missing       proxies[0].listen: missing (expected: host:port, like 127.0.0.1:8080)
 * duplicate     proxies[1].name: "web" (expected: a name no other proxy has; proxies[0] has it)
 * misplaced     proxies[0].upstream_socket.backlog: 1024 (expected: no backlog here; backlog, ...)
 * syntax        synack.yaml:3:9: mapping values are not allowed here (expected: valid YAML)
 * YAML feature  proxies[0].upstream: alias *up (expected: each value written out in full: YAML anchors, ...)
 *               synack.yaml:9:1: a second YAML document (expected: one YAML document per file)
 * file          synack.yaml: no such file (expected: a readable YAML or JSON file)
 *               synack.yaml: larger than 256KiB (expected: a config of at most 256KiB)
 * </pre>
 * {@code found} is the value as JSON (strings quoted, numbers and booleans bare), or words such as
 * {@code missing}, {@code unknown key} or {@code merge key}. An unknown key names the nearest valid key when
 * one is within edit distance 2 (or a prefix), else lists them all. The expected texts live in {@link Expect}.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Loads and validates a file; YAML unless the name ends in {@code .json}. */
    public static SynackConfig load(Path file) throws ConfigException {
        return parse(ConfigText.read(file), file.toString());
    }

    /** Parses and validates config text; {@code source} names it in syntax errors, and JSON is read if it ends in {@code .json}. */
    public static SynackConfig parse(String text, String source) throws ConfigException {
        JsonNode tree = TreeParser.parse(ConfigText.of(text, source), source, source.endsWith(".json"));
        ErrorCollector errors = new ErrorCollector();
        SynackConfig config = RootReader.read(Node.root(tree, source, errors));
        errors.throwIfAny();
        return config;
    }

    /** Parses and validates a config shipped on the classpath, such as the embedded demo config. */
    public static SynackConfig parseResource(String classpathName) throws ConfigException {
        String name = classpathName.startsWith("/") ? classpathName.substring(1) : classpathName;
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw single("classpath:" + name, "not found", "a config resource on the classpath");
            }
            return parse(ConfigText.read(in, "classpath:" + name), "classpath:" + name);
        } catch (IOException e) {
            throw single("classpath:" + name, ConfigText.problem(e), Expect.READABLE);
        }
    }

    private static ConfigException single(String path, String found, String expected) {
        return new ConfigException(List.of(new ConfigError(path, found, expected)));
    }
}
