package dev.synack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in the parsed config tree, with its path ({@code proxies[0].downstream.rcvbuf}), that converts
 * its value and records an error instead of throwing. Every converter returns null when the value is absent
 * (nothing recorded) or wrong (one {@link ConfigError} recorded), so a reader goes on and finds every error.
 *
 * <p>{@code found} is always the value as JSON: strings quoted, numbers and booleans bare.
 */
final class Node {
    private static final int MAX_FOUND = 60;
    private static final int MAX_KEY = 64;
    private static final Pattern PLAIN_KEY = Pattern.compile("[\\p{L}\\p{N}_<>-]+");

    private final JsonNode value;
    private final String path;
    private final String prefix;
    private final ErrorCollector errors;

    private Node(JsonNode value, String path, String prefix, ErrorCollector errors) {
        // An explicit YAML null ("idle:") means the same as leaving the key out.
        this.value = value == null || value.isNull() || value.isMissingNode() ? null : value;
        this.path = path;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** The document root; errors about the root itself are reported at {@code source}. */
    static Node root(JsonNode tree, String source, ErrorCollector errors) {
        return new Node(tree, source, "", errors);
    }

    Node get(String key) {
        JsonNode child = value != null && value.isObject() ? value.get(key) : null;
        String childPath = prefix + pathKey(key);
        return new Node(child, childPath, childPath + ".", errors);
    }

    /**
     * A key as a path shows it: a plain key bare, any other (empty, with spaces, dots or control characters)
     * as a JSON string; a key longer than {@value #MAX_KEY} characters cut, so one error stays one line.
     */
    static String pathKey(String key) {
        String shown = key.length() <= MAX_KEY ? key : key.substring(0, MAX_KEY - 3) + "...";
        return PLAIN_KEY.matcher(shown).matches() ? shown : TextNode.valueOf(shown).toString();
    }

    boolean present() {
        return value != null;
    }

    String path() {
        return path;
    }

    JsonNode value() {
        return value;
    }

    /** The value as JSON (YAML's spelling for the floats JSON lacks), shortened if long. */
    String found() {
        String json = value == null ? "null" : nonFinite(value) ? yamlSpelling(value.doubleValue()) : value.toString();
        return json.length() <= MAX_FOUND ? json : json.substring(0, MAX_FOUND - 3) + "...";
    }

    private static boolean nonFinite(JsonNode v) {
        return v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue());
    }

    private static String yamlSpelling(double d) {
        return Double.isNaN(d) ? ".nan" : d > 0 ? ".inf" : "-.inf";
    }

    /** Records that this value is wrong; returns null so converters can {@code return fail(...)}. */
    <T> T fail(String expected) {
        // Writing the value out is the costly part of an error: only for one that is kept.
        return report(errors.keepsNext() ? found() : "", expected);
    }

    /** Records an error at this path with a found text of the caller's choosing. */
    <T> T report(String found, String expected) {
        errors.add(new ConfigError(path, found, expected));
        return null;
    }

    /** True if present; records {@code missing} otherwise. */
    boolean require(String expected) {
        if (value == null) {
            report("missing", expected);
        }
        return value != null;
    }

    /**
     * True if this is a mapping (absent: false, nothing recorded; another type: false, error recorded). Each
     * key in neither {@code known} nor {@code handledElsewhere} is recorded as unknown, with a suggestion.
     */
    boolean mapping(List<String> known, Collection<String> handledElsewhere, String expected) {
        if (value == null) {
            return false;
        }
        if (!value.isObject()) {
            fail(expected);
            return false;
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key) && !handledElsewhere.contains(key)) {
                get(key).report("unknown key", errors.keepsNext() ? KeySuggestion.expected(key, known) : "");
            }
        }
        return true;
    }

    boolean mapping(List<String> known, String expected) {
        return mapping(known, List.of(), expected);
    }

    /** The elements of a list, each with its {@code [i]} path; null if absent or not a list. */
    List<Node> list(String expected) {
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            return fail(expected);
        }
        List<Node> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String itemPath = path + "[" + i + "]";
            items.add(new Node(value.get(i), itemPath, itemPath + ".", errors));
        }
        return items;
    }

    String text(String expected) {
        if (value == null) {
            return null;
        }
        return value.isTextual() ? value.textValue() : fail(expected);
    }

    Boolean bool() {
        if (value == null) {
            return null;
        }
        return value.isBoolean() ? value.booleanValue() : fail(Expect.BOOL);
    }

    /** An integral number in {@code [min, max]}. */
    Long integer(long min, long max) {
        return integer(min, max, Expect.integer(min, max));
    }

    /** An integral number in {@code [min, max]}, with the expected text of the caller's choosing. */
    Long integer(long min, long max, String expected) {
        if (value == null) {
            return null;
        }
        Optional<Long> n = value.isIntegralNumber() && value.canConvertToLong() ? Optional.of(value.longValue()) : Optional.empty();
        return n.filter(v -> v >= min && v <= max).orElseGet(() -> fail(expected));
    }

    /** Any number (integral or not) in {@code [min, max]}; NaN never is. */
    Double number(double min, double max, String expected) {
        if (value == null) {
            return null;
        }
        double d = value.isNumber() ? value.doubleValue() : Double.NaN;
        return d >= min && d <= max ? d : fail(expected);
    }
}
