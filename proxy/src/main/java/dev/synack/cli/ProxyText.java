package dev.synack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Renders the admin API's JSON for people: the proxy table of {@code list} and the proxy of {@code inspect}. */
final class ProxyText {
    private ProxyText() {}

    /** One row per proxy, columns aligned, in the API's order (by name). */
    static String table(JsonNode proxies) {
        if (proxies.isEmpty()) {
            return "no proxies\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "LISTEN", "UPSTREAM", "ENABLED", "TOXICS"});
        for (JsonNode p : proxies) {
            rows.add(new String[] {p.path("name").asText(), p.path("listen").asText(), p.path("upstream").asText(),
                    p.path("enabled").asBoolean() ? "yes" : "no", Integer.toString(p.path("toxics").size())});
        }
        return aligned(rows);
    }

    /** A proxy and its toxics, by stream. */
    static String inspect(JsonNode p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.path("name").asText()).append(": ").append(p.path("listen").asText()).append(" -> ")
                .append(p.path("upstream").asText()).append(p.path("enabled").asBoolean() ? " (enabled)" : " (disabled)").append('\n');
        for (String stream : new String[] {"upstream", "downstream"}) {
            List<String[]> rows = new ArrayList<>();
            for (JsonNode t : p.path("toxics")) {
                if (t.path("stream").asText().equalsIgnoreCase(stream)) {
                    rows.add(new String[] {"  " + t.path("name").asText(), t.path("type").asText(),
                            "toxicity " + t.path("toxicity").asText(), attributes(t.path("attributes"))});
                }
            }
            sb.append(stream).append(" toxics").append(stream.equals("upstream") ? " (client -> service):" : " (service -> client):");
            sb.append(rows.isEmpty() ? " none\n" : "\n" + aligned(rows));
        }
        return sb.toString();
    }

    /** A toxic in one line, as the toxic commands report it. */
    static String toxic(JsonNode t) {
        return t.path("stream").asText() + " " + t.path("type").asText() + " toxic " + t.path("name").asText()
                + " (toxicity " + t.path("toxicity").asText() + (t.path("attributes").isEmpty() ? "" : ", " + attributes(t.path("attributes"))) + ")";
    }

    private static String attributes(JsonNode attributes) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            parts.add(e.getKey() + "=" + (e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
        return String.join(" ", parts);
    }

    private static String aligned(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(widths[i] - r[i].codePointCount(0, r[i].length()) + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
