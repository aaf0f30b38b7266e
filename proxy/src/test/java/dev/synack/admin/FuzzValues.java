package dev.synack.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.POJONode;
import dev.synack.fault.Attribute;
import dev.synack.fault.FaultRegistry;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * What {@link JsonBodyMutator} puts into request bodies: the keys the API reads and near misses of them,
 * strings it knows (names, addresses, streams, toxic types) and strings it should not, numbers at and past
 * the edges of every range, and tokens that are no JSON at all ({@code NaN}, {@code 01}, {@code 0x10}).
 */
final class FuzzValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Stands for the address of a listener that is in use (the live proxy's): binding it must fail cleanly. */
    static final String BUSY = "127.0.0.1:BUSYPORT";

    /** Every key a body of the API has, every attribute of every fault type, and near misses. */
    static final List<String> KEYS = Stream.concat(
            Stream.of("name", "listen", "upstream", "enabled", "type", "stream", "toxicity", "attributes", "toxics",
                    "NAME", "Listen", "uPsTrEaM", "LIſTEN", "nam", "name ", " name", "", "0", "x-extra", "__proto__", "\u0000",
                    "é", "𝄞"),
            FaultRegistry.TYPES.stream().flatMap(t -> t.attributes().stream()).map(Attribute::name))
            .distinct().toList();

    static final List<String> NAMES = List.of("web", "redis", "twin", "a", "", " ", "café-☕-𝄞", "a/b", "..", "%2F",
            "with space", "null", "\u0000", "\t", "名前", "x".repeat(300));

    static final List<String> ADDRESSES = List.of("127.0.0.1:0", "localhost:0", ":0", "", "[::1]:0", "0.0.0.0:0", BUSY,
            "127.0.0.1", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:99999999999", "[::1]", "::1:0",
            "256.0.0.1:0", "host:port", "nosuch.invalid:0", "127.0.0.1:0:0", "[fe80::1%lo]:0", "127.0.0.1:9",
            "localhost:6379", "a".repeat(300) + ":1", "1.1.1.1.1:1", "127.0.0.1:0x10", "127.0.0.1: 0", " 127.0.0.1:0",
            "[]:0", "[::1:0", "127.0.0.1:00000000000000000000", ":", "::", "127.0.0.1:0/8", "ünï.example:0");

    static final List<String> WORDS = List.of("upstream", "downstream", "UPSTREAM", "Downstream", "up", "both", "",
            "latency", "LATENCY", "flood", "latency ", "reset_peer", "timeout", "slicer", "limit_data", "bandwidth",
            "true", "false", "yes", "1", "1e400", "NaN", "Infinity", "-inf", "0x10", "null");

    /** Numbers as JSON writes them, at and past the edges of int, long, float32 and every attribute's range. */
    static final List<String> NUMBERS = List.of("0", "-0", "1", "-1", "100", "0.5", "1.5", "-1.5", "1e3", "1E-7", "0.0",
            "86400000", "86400001", "86400000000", "1e39", "-1e39", "1e400", "-1e400", "1e-400", "3.4028236e38",
            "2147483647", "2147483648", "4294967296", "9223372036854775807", "9223372036854775808",
            "-9223372036854775808", "-9223372036854775809", "18446744073709551616", "1" + "0".repeat(400),
            "9".repeat(1200), "0." + "0".repeat(500) + "1", "1e1000000000", "1e-1000000000", "123456789.123456789e-5");

    /** Tokens that are not JSON: Go rejects each, so must synack. */
    static final List<String> NOT_JSON = List.of("NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10",
            "1e", "--1", "1_000", "undefined", "True", "NULL", "nul", "'single'", "\"unterminated", "tru", "1e+",
            "[1,]", "{\"a\":1,}", "{,}", "[,1]", "{\"a\"}", "{1:2}", "\"\\x41\"", "\"\\u12\"", "\"\\ud800\"", "\"\t\"");

    private FuzzValues() {}

    /** Any value: a string, a number, a literal, an array, an object, or a token that is no JSON. */
    static JsonNode any(SplittableRandom r, int depth) {
        int pick = depth <= 0 ? r.nextInt(8) : r.nextInt(10);
        return switch (pick) {
            case 0 -> NODES.textNode(pick(NAMES, r));
            case 1 -> NODES.textNode(pick(ADDRESSES, r));
            case 2 -> NODES.textNode(pick(WORDS, r));
            case 3, 4 -> raw(pick(NUMBERS, r));
            case 5 -> r.nextBoolean() ? NODES.booleanNode(r.nextBoolean()) : NODES.nullNode();
            case 6 -> raw(pick(NOT_JSON, r));
            case 7 -> NODES.textNode(oddText(r, 1 + r.nextInt(12)));
            case 8 -> {
                var a = NODES.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(any(r, depth - 1));
                }
                yield a;
            }
            default -> {
                var o = NODES.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(pick(KEYS, r), any(r, depth - 1));
                }
                yield o;
            }
        };
    }

    /** Text of unusual characters: controls, quotes, backslashes, surrogates alone and in pairs, RTL, BOM, NUL. */
    static String oddText(SplittableRandom r, int parts) {
        String[] odd = {"\"", "\\", "/", "\u0000", "\u001f", "\u007f", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffd",
            "\ud800", "\udfff", "\ud834\udd1e", "\u202e", "\u0301", "é", "☕", "<", ">", "&", "%", "\n", "\r", "\t", " "};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            sb.append(r.nextBoolean() ? odd[r.nextInt(odd.length)] : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        return sb.toString();
    }

    /** Text written into the body as it is: a number's spelling, a token that is no JSON, deep nesting. */
    static JsonNode raw(String text) {
        return new POJONode(new Raw(text));
    }

    static <T> T pick(List<T> list, SplittableRandom r) {
        return list.get(r.nextInt(list.size()));
    }

    /** A piece of body text the emitter writes verbatim. */
    record Raw(String text) {}
}
