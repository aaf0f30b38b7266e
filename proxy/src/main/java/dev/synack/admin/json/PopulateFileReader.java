package dev.synack.admin.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.HostPort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the file of {@code toxiproxy-server -config FILE}: a JSON array of {@code {name, listen, upstream,
 * enabled}}, the body of {@code /populate}. Keys are read as Toxiproxy reads them (ignoring case; unknown keys,
 * {@code toxics} included, ignored). Unlike Toxiproxy, which logs a bad file and serves on, every problem is
 * collected with its path ({@code [2].upstream: missing (expected: ...)}) and the file is refused whole, so
 * that synack does not start with half the proxies a test expects.
 */
public final class PopulateFileReader {
    static final String ARRAY = "a JSON array of proxies, each {\"name\", \"listen\", \"upstream\", \"enabled\"}";
    static final String ENTRY = "an object with name, listen, upstream and enabled";
    static final String NAME = "a proxy name";
    static final String UPSTREAM = "host:port of the service, with a port from 1 to 65535";
    static final String LISTEN = "host:port, :port or \"\" (any interface), with a port from 0 to 65535";
    static final String ENABLED = "true or false";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PopulateFileReader() {}

    public static List<ProxyCreate> read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw single(file.toString(), "cannot read (" + e.getClass().getSimpleName() + ")", "a readable JSON file");
        }
        return parse(text, file.toString());
    }

    /** Reads the text of such a file; {@code source} names it in errors about the file as a whole. */
    public static List<ProxyCreate> parse(String text, String source) throws ConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? source : source + ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw single(where, GoSyntax.describe(e, text), "valid JSON");
        }
        if (root == null || !root.isArray()) {
            throw single(source, root == null || root.isMissingNode() ? "empty" : shorten(root.toString()), ARRAY);
        }
        List<ConfigError> errors = new ArrayList<>();
        List<ProxyCreate> proxies = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        Map<String, String> listens = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            ProxyCreate p = entry(root.get(i), "[" + i + "]", errors);
            if (p != null) {
                proxies.add(p);
                unique(names, p.name(), p.name(), "[" + i + "].name", "a name", errors);
                HostPort listen = p.listen().isEmpty() ? null : listenAddress(p.listen());
                if (listen != null && listen.port() != 0) {
                    String key = listen.host().toLowerCase(Locale.ROOT) + ":" + listen.port();
                    unique(listens, key, p.listen(), "[" + i + "].listen", "an address", errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return proxies;
    }

    private static ProxyCreate entry(JsonNode item, String path, List<ConfigError> errors) {
        if (!item.isObject() && !item.isNull()) {
            errors.add(new ConfigError(path, shorten(item.toString()), ENTRY));
            return null;
        }
        int before = errors.size();
        String name = text(item, "name", path, NAME, errors);
        String listen = text(item, "listen", path, LISTEN, errors);
        String upstream = text(item, "upstream", path, UPSTREAM, errors);
        JsonNode enabled = field(item, "enabled");
        if (enabled != null && !enabled.isBoolean()) {
            errors.add(new ConfigError(path + ".enabled", shorten(enabled.toString()), ENABLED));
        }
        if (field(item, "name") == null || name != null && name.isEmpty()) {
            errors.add(new ConfigError(path + ".name", "missing", NAME));
        }
        if (upstream == null && field(item, "upstream") == null || upstream != null && upstream.isEmpty()) {
            errors.add(new ConfigError(path + ".upstream", "missing", UPSTREAM));
        } else if (upstream != null && !validUpstream(upstream)) {
            errors.add(new ConfigError(path + ".upstream", quote(upstream), UPSTREAM));
        }
        if (listen != null && !validListen(listen)) {
            errors.add(new ConfigError(path + ".listen", quote(listen), LISTEN));
        }
        if (errors.size() > before) {
            return null;
        }
        return new ProxyCreate(name, listen == null ? "" : listen, upstream, enabled == null || enabled.booleanValue());
    }

    /** A string field, or null when absent or not a string (then an error is recorded). */
    private static String text(JsonNode item, String key, String path, String expected, List<ConfigError> errors) {
        JsonNode v = field(item, key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new ConfigError(path + "." + key, shorten(v.toString()), expected));
            return null;
        }
        return v.textValue();
    }

    /** A field as Go finds it: exact or ignoring case, the last one given winning, {@code null} as absent. */
    private static JsonNode field(JsonNode item, String key) {
        JsonNode found = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(key) && !e.getValue().isNull()) {
                found = e.getValue();
            }
        }
        return found;
    }

    private static boolean validUpstream(String upstream) {
        HostPort hp = HostPort.parse(upstream);
        return hp != null && hp.port() >= 1 && hp.port() <= 65535;
    }

    /** A listen address; Go's {@code :port} (any interface) reads as the IPv4 wildcard. */
    private static HostPort listenAddress(String listen) {
        return HostPort.parse(listen.startsWith(":") ? "0.0.0.0" + listen : listen);
    }

    private static boolean validListen(String listen) {
        if (listen.isEmpty()) {
            return true;
        }
        HostPort hp = listenAddress(listen);
        return hp != null && hp.port() <= 65535;
    }

    /** Records the first holder of {@code key}, or an error naming it when a later entry has the same key. */
    private static void unique(Map<String, String> holders, String key, String shown, String path, String what,
            List<ConfigError> errors) {
        String owner = path.substring(0, path.indexOf('.'));
        String holder = holders.putIfAbsent(key, owner);
        if (holder != null) {
            errors.add(new ConfigError(path, quote(shown), what + " no other proxy has; " + holder + " has it"));
        }
    }

    private static String quote(String s) {
        return shorten(JSON.getNodeFactory().textNode(s).toString());
    }

    private static String shorten(String json) {
        return json.length() <= 60 ? json : json.substring(0, 57) + "...";
    }

    private static ConfigException single(String path, String found, String expected) {
        return new ConfigException(List.of(new ConfigError(path, found, expected)));
    }
}
