package dev.synack.config;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Mutations of config text for {@link ConfigFuzzTest}: YAML-aware edits of lines (documents, anchors and
 * aliases, merge keys, tags, directives, tabs, indentation, quotes, comments, line endings, BOMs, control
 * characters, truncation, splices of another input) and byte-wise edits that may leave the text invalid
 * UTF-8. Every choice comes from the random generator passed in.
 */
final class TextMutator {
    /** Just over the cap of 256 KiB: inputs this large are only made now and then. */
    private static final int GROWTH_LIMIT = (256 << 10) + (64 << 10);

    private static final String[] TOKENS = {"[", "]", "{", "}", ":", ": ", "- ", ", ", "? ", "|", ">", "'", "\"", "&a ", "*a",
            "!", "!!str ", "%", "@", "`", "#", "---", "...", "\\", "\t", "\r", "\n", "\ufeff", "\u0000", "<<: "};
    private static final String[] TAGS = {"!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ", "!!map ", "!!seq ",
            "!!timestamp ", "!custom ", "!<tag:yaml.org,2002:str> "};
    private static final String[] DIRECTIVES = {"%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "%YAML 9.9\n---\n",
            "%TAG !e! tag:example.com,2000:\n---\n", "%FOO bar\n---\n", "--- !!map\n"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {0}};

    private TextMutator() {}

    /** The text edited 1 to 3 times, YAML-aware; {@code other} is another input to splice from. */
    static String mutate(String text, String other, SplittableRandom r) {
        String t = text;
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
            t = mutateOnce(t, other, r);
        }
        return t;
    }

    private static String mutateOnce(String text, String other, SplittableRandom r) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int at = r.nextInt(lines.size());
        String line = lines.get(at);
        switch (r.nextInt(17)) {
            case 0 -> lines.add(at, r.nextBoolean() ? "---" : "--- " + line);
            case 1 -> lines.set(at, anchorOrAlias(line, r));
            case 2 -> lines.add(at, indentOf(line) + (r.nextBoolean() ? "<<: *a" : "*a : 1"));
            case 3 -> lines.set(at, line.replaceFirst("^ +", r.nextBoolean() ? "\t" : "  \t"));
            case 4 -> lines.set(at, " ".repeat(1 + r.nextInt(4)) + line);
            case 5 -> lines.set(at, line.length() > 0 ? line.substring(Math.min(line.length(), 1 + r.nextInt(4))) : line);
            case 6 -> lines.add(at, line);
            case 7 -> lines.remove(at);
            case 8 -> lines.add(at, indentOf(line) + "#" + "c".repeat(r.nextInt(4) == 0 ? 100_000 : r.nextInt(80)));
            case 9 -> lines.set(at, withValuePrefix(line, TAGS[r.nextInt(TAGS.length)]));
            case 10 -> lines.set(at, quoted(line, r));
            case 11 -> {
                return DIRECTIVES[r.nextInt(DIRECTIVES.length)] + text;
            }
            case 12 -> {
                return r.nextBoolean() ? text.replace("\n", "\r\n") : text.replace("\n", r.nextBoolean() ? "\r" : "\u2028");
            }
            case 13 -> {
                return text.isEmpty() ? text : text.substring(0, r.nextInt(text.length()));
            }
            case 14 -> {
                return insert(text, TOKENS[r.nextInt(TOKENS.length)], r) ;
            }
            case 15 -> {
                return repeatSlice(text, r);
            }
            default -> {
                return splice(text, other, r);
            }
        }
        return String.join("\n", lines);
    }

    /** The bytes edited 1 to 4 times: bits flipped, bytes set, inserted, deleted, duplicated, invalid UTF-8. */
    static byte[] mutateBytes(byte[] input, SplittableRandom r) {
        byte[] b = input;
        for (int i = 1 + r.nextInt(4); i > 0; i--) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length);
            switch (r.nextInt(6)) {
                case 0 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        b = b.clone();
                        b[at] = (byte) r.nextInt(256);
                    }
                }
                case 2 -> b = splice(b, at, at, BAD_UTF8[r.nextInt(BAD_UTF8.length)]);
                case 3 -> b = splice(b, at, Math.min(b.length, at + 1 + r.nextInt(16)), new byte[0]);
                case 4 -> b = splice(b, at, at, Arrays.copyOfRange(b, at, Math.min(b.length, at + 1 + r.nextInt(64))));
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }

    private static String anchorOrAlias(String line, SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> withValuePrefix(line, "&a ");
            case 1 -> line.contains(": ") ? line.substring(0, line.indexOf(": ") + 2) + "*a" : line + " *a";
            default -> line.replaceFirst("- ", "- *a\n" + indentOf(line) + "- ");
        };
    }

    private static String withValuePrefix(String line, String prefix) {
        int colon = line.indexOf(": ");
        return colon < 0 ? line.replaceFirst("- ", "- " + prefix) : line.substring(0, colon + 2) + prefix + line.substring(colon + 2);
    }

    private static String quoted(String line, SplittableRandom r) {
        int colon = line.indexOf(": ");
        if (colon < 0) {
            return line;
        }
        String value = line.substring(colon + 2);
        String q = switch (r.nextInt(4)) {
            case 0 -> "'" + value.replace("'", "''") + "'";
            case 1 -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 2 -> "\"" + value + new String[] {"\\x00", "\\ud800", "\\U0011FFFF", "\\x", "\\q", "\\N", "\\\n"}[r.nextInt(7)] + "\"";
            default -> "|\n" + indentOf(line) + "  " + value;
        };
        return line.substring(0, colon + 2) + q;
    }

    private static String indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '-')) {
            i++;
        }
        return " ".repeat(i);
    }

    private static String insert(String text, String token, SplittableRandom r) {
        int at = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
        return text.substring(0, at) + token + text.substring(at);
    }

    private static String repeatSlice(String text, SplittableRandom r) {
        if (text.isEmpty()) {
            return text;
        }
        int from = r.nextInt(text.length());
        int to = Math.min(text.length(), from + 1 + r.nextInt(200));
        int times = r.nextInt(16) == 0 ? 1 + GROWTH_LIMIT / (to - from) : 2 + r.nextInt(50);
        return text.substring(0, to) + text.substring(from, to).repeat(times) + text.substring(to);
    }

    private static String splice(String text, String other, SplittableRandom r) {
        if (other.isEmpty()) {
            return text;
        }
        int from = r.nextInt(other.length());
        String piece = other.substring(from, Math.min(other.length(), from + 1 + r.nextInt(400)));
        return insert(text, piece, r);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
