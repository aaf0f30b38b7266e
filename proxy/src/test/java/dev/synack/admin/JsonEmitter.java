package dev.synack.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a tree of {@link JsonBodyMutator} as body text, with the liberties JSON allows and a tree cannot
 * hold: a key repeated with another value (Go keeps the last), a key in another case (Go matches any),
 * characters written as {@code \}{@code u} escapes, whitespace of every kind between tokens, and
 * {@link FuzzValues.Raw} text written as it is. A lone surrogate is written escaped, as only an escape can
 * carry one. Every liberty is drawn from the generator passed in.
 */
final class JsonEmitter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private final SplittableRandom r;
    /** How often (1 in N) a liberty is taken; large for a plain body. */
    private final int oneIn;

    private JsonEmitter(SplittableRandom r, int oneIn) {
        this.r = r;
        this.oneIn = oneIn;
    }

    /** The tree as text; {@code liberties} false writes it plainly. */
    static String write(JsonNode root, SplittableRandom r, boolean liberties) {
        StringBuilder sb = new StringBuilder();
        new JsonEmitter(r, liberties ? 3 + r.nextInt(12) : Integer.MAX_VALUE).value(sb, root);
        return sb.toString();
    }

    private boolean now() {
        return oneIn != Integer.MAX_VALUE && r.nextInt(oneIn) == 0;
    }

    private void value(StringBuilder sb, JsonNode v) {
        space(sb);
        if (v instanceof POJONode p && p.getPojo() instanceof FuzzValues.Raw raw) {
            sb.append(raw.text());
        } else if (v.isObject()) {
            object(sb, v);
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                sb.append(i == 0 ? "" : ",");
                value(sb, v.get(i));
            }
            space(sb);
            sb.append(']');
        } else if (v.isTextual()) {
            string(sb, v.textValue());
        } else {
            sb.append(v.toString());
        }
        space(sb);
    }

    private void object(StringBuilder sb, JsonNode o) {
        sb.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (now()) {
                // The same key twice, the first with another value: Go decodes both and keeps the last.
                first = entry(sb, first, e.getKey(), FuzzValues.any(r, 1));
            }
            String key = now() ? otherCase(e.getKey()) : e.getKey();
            first = entry(sb, first, key, e.getValue());
        }
        space(sb);
        sb.append('}');
    }

    private boolean entry(StringBuilder sb, boolean first, String key, JsonNode v) {
        sb.append(first ? "" : ",");
        space(sb);
        string(sb, key);
        space(sb);
        sb.append(':');
        value(sb, v);
        return false;
    }

    private String otherCase(String key) {
        return switch (r.nextInt(3)) {
            case 0 -> key.toUpperCase(Locale.ROOT);
            case 1 -> key.isEmpty() ? key : Character.toUpperCase(key.charAt(0)) + key.substring(1);
            default -> key.replace('s', 'ſ').replace('k', 'K');
        };
    }

    private void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(s.charAt(i - 1)));
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || lone || now()) {
                sb.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else if (c == '/' && now()) {
                sb.append("\\/");
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private void space(StringBuilder sb) {
        if (now()) {
            sb.append(new String[] {" ", "\n", "\t", "\r\n", "  \t \n"}[r.nextInt(5)]);
        }
    }
}
