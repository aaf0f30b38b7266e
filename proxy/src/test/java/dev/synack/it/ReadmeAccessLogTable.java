package dev.synack.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's access-log table as the field names of each kind of line, in order: {@code closed},
 * {@code rejected}, and {@code tcp} (the fields of {@code downstream_tcp} and {@code upstream_tcp}).
 */
final class ReadmeAccessLogTable {
    private static final String MARKER = "<!-- access-log-fields";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_.*]+)` \\| ([a-z, ]+) \\|");

    private ReadmeAccessLogTable() {}

    static Map<String, List<String>> fields() {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(System.getProperty("synack.repo"), "README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, List<String>> by = new LinkedHashMap<>();
        for (String kind : List.of("closed", "rejected", "tcp")) {
            by.put(kind, new ArrayList<>());
        }
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith(MARKER)).findFirst()
                .orElseThrow(() -> new AssertionError("the README has no line starting " + MARKER)));
        for (int i = at + 3; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (!m.find()) {
                throw new AssertionError("not a field row of the access-log table: " + lines.get(i));
            }
            String field = m.group(1);
            if (field.startsWith("*_tcp.")) {
                by.get("tcp").add(field.substring("*_tcp.".length()));
            } else {
                for (String kind : m.group(2).split(", ")) {
                    by.get(kind).add(field);
                }
            }
        }
        return by;
    }
}
