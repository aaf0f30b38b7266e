package dev.synack.admin;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Breaks body text and bytes for {@link AdminFuzzTest}: truncation at a place of every kind (a bracket, a
 * key, a string, an escape, a number, a literal, whitespace, the last character), garbage after the value
 * and before it, stray tokens, cut, doubled and spliced ranges, and bytes that are not UTF-8 (bytes UTF-8
 * never uses, overlong forms, surrogates, code points past U+10FFFF, sequences cut short), bit flips, and
 * the whole body as UTF-16. Each edit is named in {@code log}.
 */
final class BodyBreaker {
    /** The kinds of place a body is cut at: every kind is drawn as often, however rare in the body. */
    enum Place { STRUCTURE, KEY, STRING, ESCAPE, NUMBER, LITERAL, SPACE, LAST }

    private static final String[] GARBAGE = {" ", "\n", "x", "}", "]", ",", "{}", "[]", "{\"name\":\"x\"}", "\u0000",
        "// comment", "/* c */", "\"", "\\", "null", "0", "\r\n\r\nGET / HTTP/1.1\r\n\r\n"};
    private static final String[] PREFIXES = {"\ufeff", " \n\t", "\u00a0", ")]}',\n", "\u0000", "[", "//\n"};
    private static final String[] TOKENS = {"{", "}", "[", "]", ":", ",", "\"", "\\", "\u0000", "\n", "NaN", "--", "'x'",
        "\u001f", "\ud800", "\u2028", "/*", "e", ".", "-"};
    private static final byte[][] NOT_UTF8 = {{(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC1, (byte) 0xBF},
        {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

    private BodyBreaker() {}

    /** The text edited 1 to 3 times; {@code other} is another seed's text to splice from. */
    static String breakText(String text, String other, SplittableRandom r, List<String> log) {
        String t = text;
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            t = breakOnce(t, other, r, log);
        }
        return t;
    }

    private static String breakOnce(String t, String other, SplittableRandom r, List<String> log) {
        switch (r.nextInt(9)) {
            case 0, 1 -> {
                int at = placeOf(t, Place.values()[r.nextInt(Place.values().length)], r, log);
                return t.substring(0, at);
            }
            case 2 -> {
                String g = GARBAGE[r.nextInt(GARBAGE.length)];
                log.add("trailing " + JsonBodyMutator.brief(g));
                return t + (r.nextInt(6) == 0 ? t : g);
            }
            case 3 -> {
                String p = PREFIXES[r.nextInt(PREFIXES.length)];
                log.add("leading " + JsonBodyMutator.brief(p));
                return p + t;
            }
            case 4 -> {
                int at = r.nextInt(t.length() + 1);
                String token = TOKENS[r.nextInt(TOKENS.length)];
                log.add("insert " + JsonBodyMutator.brief(token) + " at " + at);
                return t.substring(0, at) + token + t.substring(at);
            }
            case 5 -> {
                int from = r.nextInt(t.length() + 1);
                int to = Math.min(t.length(), from + 1 + r.nextInt(12));
                log.add("cut " + from + ".." + to);
                return t.substring(0, from) + t.substring(to);
            }
            case 6 -> {
                int from = r.nextInt(t.length() + 1);
                int to = Math.min(t.length(), from + 1 + r.nextInt(40));
                int times = r.nextInt(10) == 0 ? 2_000 : 2;
                log.add("repeat " + from + ".." + to + " " + times + " times");
                return t.substring(0, to) + t.substring(from, to).repeat(times) + t.substring(to);
            }
            case 7 -> {
                int from = r.nextInt(other.length() + 1);
                String piece = other.substring(from, Math.min(other.length(), from + 1 + r.nextInt(60)));
                int at = r.nextInt(t.length() + 1);
                log.add("splice " + JsonBodyMutator.brief(piece) + " at " + at);
                return t.substring(0, at) + piece + t.substring(at);
            }
            default -> {
                log.add("single quotes");
                return t.replace('"', '\'');
            }
        }
    }

    /** The bytes edited 1 to 3 times: bytes that are no UTF-8 (inside a string, or anywhere), bit flips, cuts, UTF-16. */
    static byte[] breakBytes(String text, SplittableRandom r, List<String> log) {
        if (r.nextInt(10) == 0) {
            log.add("UTF-16");
            return text.getBytes(r.nextBoolean() ? StandardCharsets.UTF_16 : StandardCharsets.UTF_16LE);
        }
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
            switch (r.nextInt(4)) {
                case 0, 1 -> {
                    byte[] bad = NOT_UTF8[r.nextInt(NOT_UTF8.length)];
                    if (r.nextBoolean()) {
                        at = utf8Offset(text, placeOf(text, Place.STRING, r, new ArrayList<>()));
                        at = Math.min(at, b.length);
                    }
                    log.add("bytes " + Arrays.toString(bad) + " at " + at);
                    b = splice(b, at, at, bad);
                }
                case 2 -> {
                    if (b.length > 0) {
                        at = Math.min(at, b.length - 1);
                        b = b.clone();
                        int bit = r.nextInt(8);
                        b[at] ^= (byte) (1 << bit);
                        log.add("flip bit " + bit + " at " + at);
                    }
                }
                default -> {
                    // Cut where a character of several bytes is: the body ends inside it.
                    int cut = firstMultiByteFrom(b, at);
                    log.add("cut bytes at " + cut);
                    b = Arrays.copyOf(b, cut);
                }
            }
        }
        return b;
    }

    /** A position of the given kind in {@code t} (where a body of it is cut); the end when it has none. */
    static int placeOf(String t, Place place, SplittableRandom r, List<String> log) {
        List<Integer> at = new ArrayList<>();
        Place[] kinds = classify(t);
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == place) {
                at.add(i);
            }
        }
        if (place == Place.LAST || at.isEmpty()) {
            log.add("cut at the end");
            return Math.max(0, t.length() - 1);
        }
        int pos = at.get(r.nextInt(at.size()));
        log.add("cut in " + place + " at " + pos);
        return pos;
    }

    /** The kind of place of every character of {@code t}, as a JSON lexer sees it. */
    static Place[] classify(String t) {
        Place[] kinds = new Place[t.length()];
        boolean inString = false;
        boolean isKey = false;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (inString) {
                if (c == '\\') {
                    kinds[i] = Place.ESCAPE;
                    if (i + 1 < t.length()) {
                        kinds[++i] = Place.ESCAPE;
                    }
                    continue;
                }
                kinds[i] = isKey ? Place.KEY : Place.STRING;
                inString = c != '"';
                continue;
            }
            if (c == '"') {
                inString = true;
                isKey = nextNonSpace(t, closingQuote(t, i) + 1) == ':';
                kinds[i] = isKey ? Place.KEY : Place.STRING;
            } else if ("{}[],:".indexOf(c) >= 0) {
                kinds[i] = Place.STRUCTURE;
            } else if (Character.isWhitespace(c)) {
                kinds[i] = Place.SPACE;
            } else if (c == '-' || c == '+' || c == '.' || Character.isDigit(c) || c == 'e' || c == 'E') {
                kinds[i] = Place.NUMBER;
            } else {
                kinds[i] = Place.LITERAL;
            }
        }
        return kinds;
    }

    private static int closingQuote(String t, int open) {
        for (int i = open + 1; i < t.length(); i++) {
            if (t.charAt(i) == '\\') {
                i++;
            } else if (t.charAt(i) == '"') {
                return i;
            }
        }
        return t.length();
    }

    private static char nextNonSpace(String t, int from) {
        for (int i = from; i < t.length(); i++) {
            if (!Character.isWhitespace(t.charAt(i))) {
                return t.charAt(i);
            }
        }
        return 0;
    }

    private static int utf8Offset(String t, int charIndex) {
        return t.substring(0, Math.min(charIndex, t.length())).getBytes(StandardCharsets.UTF_8).length;
    }

    /** Just after the lead byte of the first character of several bytes from {@code from}, or {@code from}. */
    private static int firstMultiByteFrom(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if ((b[i] & 0xC0) == 0xC0) {
                return i + 1;
            }
        }
        return Math.min(from, b.length);
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] with) {
        byte[] out = new byte[b.length - (to - from) + with.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(with, 0, out, from, with.length);
        System.arraycopy(b, to, out, from + with.length, b.length - to);
        return out;
    }
}
