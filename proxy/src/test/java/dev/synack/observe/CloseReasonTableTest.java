package dev.synack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's close-reason table names every {@link CloseReason} by the key that logs, metrics and the
 * demo print ({@link CloseReason#key()}), once each, and nothing else.
 */
class CloseReasonTableTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\|");

    @Test
    void readmeNamesEveryCloseReasonByItsKey() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(System.getProperty("synack.repo"), "README.md"));
        int at = lines.indexOf("## Close reasons");
        assertThat(at).as("the README has a section '## Close reasons'").isNotNegative();
        List<String> named = new ArrayList<>();
        for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            Matcher m = ROW.matcher(lines.get(i));
            if (m.find()) {
                named.add(m.group(1));
            }
        }
        assertThat(named).containsExactlyInAnyOrderElementsOf(Arrays.stream(CloseReason.values()).map(CloseReason::key).toList());
    }
}
