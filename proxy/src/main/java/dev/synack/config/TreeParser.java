package dev.synack.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Parses config text into a {@link JsonNode} tree for the readers, within bounds, and rejects the YAML that
 * Jackson would otherwise read as something else:
 * <ul>
 * <li>a second document: Jackson reads the first and drops the rest without a word;
 * <li>aliases and merge keys: Jackson reads {@code *x} as the string {@code "x"} and {@code <<} as an
 *     ordinary key, and its tree reader cannot resolve them. synack configs are small enough to write out,
 *     so these are errors that say so, not a partial YAML feature that needs a billion-laughs bound. (An
 *     anchor alone changes no value, and Jackson does not show the anchors of scalars, so anchors pass.)
 * </ul>
 * Each of these is one error with its path, all collected; a syntax error stops at once, as the parser does.
 *
 * <p>Bounds: the text is at most {@link ConfigText#MAX_BYTES}, and SnakeYAML's code point limit says the
 * same; nesting is at most {@link #MAX_DEPTH} through Jackson's {@link StreamReadConstraints}. (SnakeYAML's
 * own nesting and alias limits in {@link LoaderOptions} apply only to its composer, which Jackson does not
 * use, and Jackson never expands an alias.)
 */
final class TreeParser {
    /** Far deeper than a config nests (6 levels), shallow enough that every tree is cheap to walk and print. */
    static final int MAX_DEPTH = 32;
    /**
     * SnakeYAML copies its whole look-ahead window every 1024 chars of one token (a scalar, a comment), so a
     * token costs the square of its length: one 256 KiB line took 0.3 CPU-s and 110 MB, the same 256 KiB in
     * lines of 16 KiB takes 0.05 CPU-s and 14 MB. JSON's parser has no such cost, so JSON has no such bound.
     */
    static final int MAX_YAML_LINE = 16 << 10;

    private static final String MERGE_KEY = "<<";
    private static final int MAX_NAME = 64;
    private static final Pattern INFINITY = Pattern.compile("([-+]?)\\.(inf|Inf|INF)");
    private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(LIMITS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonParser parser;
    private final String source;
    private final ErrorCollector errors = new ErrorCollector();
    /** Keys (String) and list indices (Integer) from the root to the current value. */
    private final Deque<Object> path = new ArrayDeque<>();

    private TreeParser(JsonParser parser, String source) {
        this.parser = parser;
        this.source = source;
    }

    /** The tree of the text, or null if it holds no value at all (an empty file). */
    static JsonNode parse(String text, String source, boolean json) throws ConfigException {
        if (!json) {
            rejectLongLine(text, source);
        }
        try (JsonParser p = (json ? JSON : YAML).createParser(text)) {
            return new TreeParser(p, source).document(text, json);
        } catch (IOException e) {
            throw new UncheckedIOException("reading a String does no I/O", e);
        }
    }

    private JsonNode document(String text, boolean json) throws IOException, ConfigException {
        JsonNode root;
        try {
            JsonToken first = parser.nextToken();
            root = first == null ? null : value(first);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                errors.add(json ? new ConfigError(where(at.getLineNr(), at.getColumnNr()), "a second JSON value", Expect.ONE_JSON_VALUE)
                        : new ConfigError(documentStart(text, at), "a second YAML document", Expect.ONE_YAML_DOCUMENT));
            }
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(SyntaxErrors.of(source, text, e, json, parser.currentTokenLocation())));
        }
        errors.throwIfAny();
        return root;
    }

    private JsonNode value(JsonToken token) throws IOException {
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            errors.add(new ConfigError(path(), "alias *" + shortened(yaml.getText()), Expect.NO_YAML_REFERENCES));
        }
        return switch (token) {
            case START_OBJECT -> object();
            case START_ARRAY -> array();
            case VALUE_STRING -> JsonNodeFactory.instance.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> JsonNodeFactory.instance.numberNode(parser.getIntValue());
                case LONG -> JsonNodeFactory.instance.numberNode(parser.getLongValue());
                default -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(floating());
            case VALUE_TRUE, VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_EMBEDDED_OBJECT -> JsonNodeFactory.instance.binaryNode(parser.getBinaryValue());
            default -> JsonNodeFactory.instance.nullNode();
        };
    }

    private ObjectNode object() throws IOException {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            path.addLast(key);
            JsonToken valueToken = parser.nextToken();
            if (parser instanceof YAMLParser && key.equals(MERGE_KEY)) {
                errors.add(new ConfigError(path(), "merge key", Expect.NO_YAML_REFERENCES));
                parser.skipChildren();
            } else {
                node.set(key, value(valueToken));
            }
            path.removeLast();
        }
        return node;
    }

    private ArrayNode array() throws IOException {
        ArrayNode node = JsonNodeFactory.instance.arrayNode();
        JsonToken token;
        for (int i = 0; (token = parser.nextToken()) != JsonToken.END_ARRAY; i++) {
            path.addLast(i);
            node.add(value(token));
            path.removeLast();
        }
        return node;
    }

    /** Counts line breaks as SnakeYAML does ({@link SyntaxErrors#LINE_BREAK}); a lone CR ends a line too. */
    private static void rejectLongLine(String text, String source) throws ConfigException {
        int line = 1;
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                line += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 0 : 1;
                length = 0;
            } else if (++length > MAX_YAML_LINE) {
                throw new ConfigException(List.of(new ConfigError(source + ":" + line + ":" + (MAX_YAML_LINE + 1),
                        "a line longer than " + MAX_YAML_LINE + " characters", Expect.SHORT_LINES)));
            }
        }
    }

    /** A float; YAML's {@code .inf} and {@code .nan}, which Jackson cannot convert, as what they mean. */
    private double floating() throws IOException {
        try {
            return parser.getDoubleValue();
        } catch (JsonParseException e) {
            String text = parser.getText();
            if (INFINITY.matcher(text).matches()) {
                return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (NAN.matcher(text).matches()) {
                return Double.NaN;
            }
            throw e;
        }
    }

    /** The path as the readers write it: {@code proxies[0].downstream}, or the source for the root. */
    private String path() {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Object> it = path.iterator(); it.hasNext(); ) {
            Object segment = it.next();
            if (segment instanceof Integer i) {
                sb.append(sb.length() == 0 ? source : "").append('[').append(i).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(Node.pathKey((String) segment));
            }
        }
        return sb.length() == 0 ? source : sb.toString();
    }

    /**
     * Where the second document starts: its {@code ---} line, found by looking back from its first token
     * (only comments and directives can stand between the two), or the token itself.
     */
    private String documentStart(String text, JsonLocation firstToken) {
        String[] lines = SyntaxErrors.LINE_BREAK.split(text, -1);
        for (int i = Math.min(firstToken.getLineNr(), lines.length) - 1; i >= 0; i--) {
            String line = lines[i];
            if (line.equals("---") || line.startsWith("--- ") || line.startsWith("---\t")) {
                return where(i + 1, 1);
            }
        }
        return where(firstToken.getLineNr(), firstToken.getColumnNr());
    }

    private String where(int line, int column) {
        return source + ":" + line + ":" + column;
    }

    /** An alias name as a message shows it: cut if absurdly long, so one error stays one line. */
    static String shortened(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME - 3) + "...";
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(ConfigText.MAX_BYTES);
        return options;
    }
}
