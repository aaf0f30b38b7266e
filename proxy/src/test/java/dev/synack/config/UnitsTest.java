package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The duration and size spellings, both ways. */
class UnitsTest {

    @Test
    void durations() {
        assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Units.parseDuration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Units.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Units.parseDuration("0")).isEqualTo(Duration.ZERO);
        assertThat(Units.parseDuration("0s")).isEqualTo(Duration.ZERO);
        assertThat(Units.parseDuration("5")).isNull();
        assertThat(Units.parseDuration("1.5s")).isNull();
        assertThat(Units.parseDuration("-1s")).isNull();
        assertThat(Units.parseDuration("999999999999999999h")).as("overflow").isNull();
    }

    @Test
    void sizes() {
        assertThat(Units.parseSize("4096")).hasValue(4096);
        assertThat(Units.parseSize("16B")).hasValue(16);
        assertThat(Units.parseSize("64KiB")).hasValue(65536);
        assertThat(Units.parseSize("4MiB")).hasValue(4L << 20);
        assertThat(Units.parseSize("1GiB")).hasValue(1L << 30);
        assertThat(Units.parseSize("64KB")).hasValue(64_000);
        assertThat(Units.parseSize("2MB")).hasValue(2_000_000);
        assertThat(Units.parseSize("1GB")).hasValue(1_000_000_000);
        assertThat(Units.parseSize("64kib")).isEqualTo(OptionalLong.empty());
        assertThat(Units.parseSize("-1")).isEqualTo(OptionalLong.empty());
    }

    @Test
    void formatting() {
        assertThat(Units.formatDuration(Duration.ZERO)).isEqualTo("0s");
        assertThat(Units.formatDuration(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Units.formatDuration(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Units.formatDuration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(Units.formatDuration(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(Units.formatSize(256 * 1024)).isEqualTo("256KiB");
        assertThat(Units.formatSize(1L << 30)).isEqualTo("1GiB");
        assertThat(Units.formatSize(1000)).isEqualTo("1000");
        assertThat(Units.formatSize(0)).isEqualTo("0");
    }

    @Test
    void formattingWithALargestUnit() {
        assertThat(Units.formatDuration(Duration.ofHours(2), ChronoUnit.SECONDS)).isEqualTo("7200s");
        assertThat(Units.formatDuration(Duration.ofMillis(2500), ChronoUnit.SECONDS)).isEqualTo("2500ms");
        assertThat(Units.formatDuration(Duration.ZERO, ChronoUnit.SECONDS)).isEqualTo("0s");
        assertThat(Units.formatDuration(Duration.ofHours(2), ChronoUnit.MINUTES)).isEqualTo("120m");
        assertThat(Units.formatDuration(Duration.ofSeconds(90), ChronoUnit.HOURS)).isEqualTo("90s");
    }
}
