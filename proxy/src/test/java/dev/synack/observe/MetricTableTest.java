package dev.synack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's metric table is the {@link Metric} table, row for row. */
class MetricTableTest {
    private static final String MARKER = "<!-- metrics-table:";

    static List<String> expectedRows() {
        List<String> rows = new ArrayList<>();
        rows.add("| name | type | labels | meaning |");
        rows.add("|---|---|---|---|");
        for (Metric m : Metric.values()) {
            String type = switch (m.kind()) {
                case COUNTER -> "counter";
                case GAUGE -> "gauge";
                case TIMER, SUMMARY, SUMMARY_SECONDS -> "histogram";
            };
            rows.add("| `" + m.prometheusName() + "` | " + type + " | " + String.join(", ", m.labels()) + " | "
                    + m.description() + " |");
        }
        return rows;
    }

    @Test
    void readmeListsEveryMetricAsDeclared() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("synack.repo"), "README.md"));
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(MARKER)) {
                at = i;
            }
        }
        assertThat(at).as("the README has a line starting " + MARKER).isNotNegative();
        List<String> table = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            table.add(lines.get(i));
        }
        assertThat(table).as("README metric table; expected:\n" + String.join("\n", expectedRows()))
                .containsExactlyElementsOf(expectedRows());
    }

    @Test
    void prometheusNamesAreUnique() {
        assertThat(Arrays.stream(Metric.values()).map(Metric::prometheusName).distinct().count()).isEqualTo(Metric.values().length);
    }
}
