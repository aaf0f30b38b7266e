package dev.synack.fault;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders a raw attribute value (as config or an API request gave it) as JSON, the way every error shows
 * what it found: strings quoted, numbers and booleans bare, long values shortened.
 */
final class RawJson {
    private static final int MAX = 60;

    private RawJson() {}

    static String of(Object value) {
        String json = render(value);
        return json.length() <= MAX ? json : json.substring(0, MAX - 3) + "...";
    }

    private static String render(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return quote(s);
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<?, ?> e = it.next();
                sb.append(quote(String.valueOf(e.getKey()))).append(':').append(render(e.getValue())).append(it.hasNext() ? "," : "");
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? "," : "").append(render(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
