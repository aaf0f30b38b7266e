package dev.synack.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Structural mutations of a config for {@link ConfigFuzzTest}: the text is read as a tree, keys are dropped,
 * renamed, added and swapped, values retyped, stretched to and past the edges of their ranges, nested deep
 * and multiplied, and the tree is written back as block YAML, flow YAML or JSON. Every choice comes from
 * the random generator passed in, so a mutation is a function of its seed.
 */
final class ConfigMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** About the cap: growing an input further only makes it slower to reject. */
    private static final long MAX_GROWTH = 300_000;
    private static final ObjectMapper READ = new YAMLMapper();
    private static final ObjectMapper BLOCK_YAML = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build();
    private static final ObjectMapper QUOTE_LESS_YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();
    private static final ObjectMapper JSON = new JsonMapper();

    /** Every key synack knows, and a few it does not. */
    static final List<String> KEYS = Stream.of(RootReader.KEYS, RootReader.ADMIN_KEYS, RootReader.SHUTDOWN_KEYS, AccessLogReader.KEYS, ProxyReader.KEYS,
            ProxyBlocks.CONNECT_KEYS, ProxyBlocks.BACKOFF_KEYS, ProxyBlocks.LIMITS_KEYS, ProxyBlocks.BUFFER_KEYS,
            KeepaliveReader.KEYS, SocketKey.keys(true), List.of("<<", "", "keepalve", "x-extra", "PROXIES", "proxies ", "0"))
            .flatMap(List::stream).distinct().toList();

    /** Values at and past the edges of what config accepts, in the spellings it reads. */
    private static final List<String> EDGE_TEXTS = List.of(
            "0", "0s", "1ms", "999ms", "1s", "24h", "25h", "1h", "61m", "8760h", "8761h", "596h", "597h", "65535s", "65536s",
            "32767s", "1500ms", "99999999999999h", "999999999999999999ms", "9223372036854775807ms", "-1s", "1.5s", " 2s ", "2 s",
            "1KiB", "1023", "16MiB", "1GiB", "2GiB", "1TiB", "64kib", "64KB", "0B", "18446744073709551616", "9223372036854775807B",
            "127.0.0.1:0", "127.0.0.1:65535", "127.0.0.1:65536", "[::1]:0", "[::1]", "::1:80", "[fe80::1%eth0]:80", "256.0.0.1:80",
            "localhost:80", "host:-1", ":80", "[]:80", "[" + ":".repeat(2000) + "x]:80", "[" + ":".repeat(100_000) + "x]:80", "a".repeat(300) + ":80", "1.1.1.1.1:1",
            "auto", "epoll", "io_uring", "nio", "uring", "reset", "close", "RESET", "cubic", "bbr", "BBR", "a".repeat(16),
            "0x10", "0xFF", "0x100", "0x", "web", "a".repeat(64), "a".repeat(65), "web server", "", " ", "~", "null", "true", "yes",
            ".inf", "-.inf", ".nan", "1e400", "0x1F", "0o17", "1_000", "190:20:30", "*alias", "&anchor", "<<", "---", "- item");

    private static final String[] ODD_CHARS = {"\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u00a0", "\u200b", "\u202e",
            "\u2028", "\ufeff", "\ufffe", "\ud800", "\udc00", "\ud83d\ude00", "e\u0301", "\u4e2d", "\\", "\"", "'", "\t", "\n", "#", ":"};

    private ConfigMutator() {}

    /** The text mutated 1 to 4 times and written back, or null if it does not read as a tree to mutate. */
    static ConfigFuzzTest.Input mutate(String text, SplittableRandom r) {
        JsonNode root;
        try {
            root = READ.readTree(text);
        } catch (Exception notATree) {
            return null;
        }
        if (root == null || !root.isContainerNode()) {
            root = NODES.objectNode().set("proxies", NODES.arrayNode().add(root == null ? NODES.nullNode() : root));
        }
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            root = mutateOnce(root, r);
        }
        return write(root, r);
    }

    private static JsonNode mutateOnce(JsonNode root, SplittableRandom r) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return NODES.objectNode().set("proxies", value(r, 2));
        }
        Slot s = slots.get(r.nextInt(slots.size()));
        switch (r.nextInt(10)) {
            case 0 -> s.remove();
            case 1 -> s.rename(pickKey(r, s.keyOrEmpty()));
            case 2 -> s.set(value(r, 2));
            case 3, 4 -> s.set(NODES.textNode(EDGE_TEXTS.get(r.nextInt(EDGE_TEXTS.size()))));
            case 5 -> s.set(wrapped(s.get(), 1 + r.nextInt(r.nextBoolean() ? 3 : 40), r));
            case 6 -> s.set(huge(r));
            case 7 -> s.multiply(r.nextInt(8) == 0 ? 500 + r.nextInt(2000) : 1 + r.nextInt(3));
            case 8 -> s.swapWith(slots.get(r.nextInt(slots.size())));
            default -> s.addSibling(pickKey(r, ""), value(r, 2));
        }
        return root;
    }

    private static String pickKey(SplittableRandom r, String current) {
        return switch (r.nextInt(4)) {
            case 0 -> typo(current, r);
            case 1 -> oddText(r, 1 + r.nextInt(8));
            default -> KEYS.get(r.nextInt(KEYS.size()));
        };
    }

    private static JsonNode value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 0 ? 12 : 10)) {
            case 0 -> NODES.numberNode(new long[] {0, -1, 1, 255, 256, 65535, 65536, Integer.MAX_VALUE, 1L << 31, Long.MAX_VALUE,
                    Long.MIN_VALUE}[r.nextInt(11)]);
            case 1 -> NODES.numberNode(BigInteger.TEN.pow(1 + r.nextInt(r.nextBoolean() ? 30 : 900)));
            case 2 -> NODES.numberNode(new double[] {0.5, -0.0, 1e308, 2.0, 1.0000001, Double.MIN_VALUE}[r.nextInt(6)]);
            case 3 -> NODES.booleanNode(r.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.textNode(oddText(r, 1 + r.nextInt(12)));
            case 6, 7, 8, 9 -> NODES.textNode(EDGE_TEXTS.get(r.nextInt(EDGE_TEXTS.size())));
            case 10 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(value(r, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(KEYS.get(r.nextInt(KEYS.size())), value(r, depth - 1));
                }
                yield o;
            }
        };
    }

    private static JsonNode wrapped(JsonNode inner, int levels, SplittableRandom r) {
        JsonNode v = inner;
        for (int i = 0; i < levels; i++) {
            v = r.nextBoolean() ? NODES.arrayNode().add(v) : NODES.objectNode().set(KEYS.get(r.nextInt(KEYS.size())), v);
        }
        return v;
    }

    private static JsonNode huge(SplittableRandom r) {
        int length = r.nextInt(4) == 0 ? 100_000 + r.nextInt(200_000) : 1_000 + r.nextInt(20_000);
        return switch (r.nextInt(3)) {
            case 0 -> NODES.textNode("9".repeat(length));
            case 1 -> NODES.textNode(oddText(r, 8).repeat(Math.max(1, length / 8)));
            default -> NODES.textNode("x".repeat(length));
        };
    }

    static String oddText(SplittableRandom r, int parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            sb.append(r.nextBoolean() ? ODD_CHARS[r.nextInt(ODD_CHARS.length)] : (char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    static String typo(String word, SplittableRandom r) {
        if (word.isEmpty()) {
            return String.valueOf((char) ('a' + r.nextInt(26)));
        }
        StringBuilder sb = new StringBuilder(word);
        int at = r.nextInt(word.length());
        switch (r.nextInt(3)) {
            case 0 -> sb.deleteCharAt(at);
            case 1 -> sb.insert(at, (char) ('a' + r.nextInt(26)));
            default -> sb.setCharAt(at, Character.toUpperCase(sb.charAt(at)));
        }
        return sb.toString();
    }

    /** Block YAML, YAML without quotes, flow YAML (JSON text read as YAML) or JSON. */
    private static ConfigFuzzTest.Input write(JsonNode root, SplittableRandom r) {
        int style = r.nextInt(4);
        String source = style == 3 ? "fuzz.json" : "fuzz.yaml";
        try {
            ObjectMapper m = style == 0 ? BLOCK_YAML : style == 1 ? QUOTE_LESS_YAML : JSON;
            return ConfigFuzzTest.Input.text(source, m.writeValueAsString(root));
        } catch (Exception unwritable) {
            // Some odd strings (a lone surrogate) cannot be written as YAML; JSON escapes them.
            try {
                return ConfigFuzzTest.Input.text(source, JSON.writeValueAsString(root));
            } catch (Exception e) {
                throw new IllegalStateException("the fuzzer cannot write its own tree", e);
            }
        }
    }

    private static void collect(JsonNode node, List<Slot> out) {
        if (node instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                out.add(new Slot(o, key, -1));
                collect(o.get(key), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collect(a.get(i), out);
            }
        }
    }

    /** Roughly the characters {@code node} takes written out, counting no further than {@code limit}. */
    private static long weight(JsonNode node, long limit) {
        long w = 1 + (node.isTextual() ? node.textValue().length() : 0);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && w < limit; ) {
            Map.Entry<String, JsonNode> e = it.next();
            w += e.getKey().length() + weight(e.getValue(), limit - w);
        }
        for (int i = 0; node.isArray() && i < node.size() && w < limit; i++) {
            w += weight(node.get(i), limit - w);
        }
        return w;
    }

    /** A place in the tree: a key of a mapping or an index of a list. */
    private record Slot(JsonNode parent, String key, int index) {
        JsonNode get() {
            return key != null ? parent.get(key) : parent.get(index);
        }

        String keyOrEmpty() {
            return key != null ? key : "";
        }

        void set(JsonNode v) {
            if (key != null) {
                ((ObjectNode) parent).set(key, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }

        void remove() {
            if (key != null) {
                ((ObjectNode) parent).remove(key);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }

        void rename(String newKey) {
            if (key != null && !((ObjectNode) parent).has(newKey)) {
                JsonNode v = ((ObjectNode) parent).remove(key);
                ((ObjectNode) parent).set(newKey, v);
            }
        }

        void multiply(int wanted) {
            JsonNode v = get();
            if (v == null) {
                return;
            }
            // Copies of a large value would grow past the cap (and the fuzzer's heap) without testing more.
            int copies = (int) Math.min(wanted, MAX_GROWTH / weight(v, MAX_GROWTH));
            if (parent instanceof ArrayNode a) {
                for (int i = 0; i < copies; i++) {
                    a.add(v.deepCopy());
                }
            } else {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0; i <= copies; i++) {
                    a.add(v.deepCopy());
                }
                set(a);
            }
        }

        void swapWith(Slot other) {
            JsonNode mine = get();
            JsonNode theirs = other.get();
            if (mine != null && theirs != null && !mine.equals(theirs)) {
                set(theirs.deepCopy());
                other.set(mine.deepCopy());
            }
        }

        void addSibling(String newKey, JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(newKey, v);
            } else {
                ((ArrayNode) parent).add(v);
            }
        }
    }
}
