package dev.synack.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The soak, as a test: a two-minute form in the suite; {@code scripts/soak} runs the same for an hour (or
 * the {@code synack.soak.duration} given). It prints its table and writes soak.csv and soak.png under
 * {@code synack.soak.out} (proxy/target/soak by default).
 */
class SoakTest {

    @Test
    void synackCarriesMixedTrafficWithinItsResourceBounds() throws Exception {
        SoakSettings settings = SoakSettings.fromProperties();
        SoakResult result = new Soak(settings).run();
        String text = SoakReport.text(result);
        SoakReport.csv(result, settings.out().resolve("soak.csv"));
        SoakPlot.write(result, settings.out().resolve("soak.png"));
        System.out.print(text);
        System.out.println("csv: " + settings.out().resolve("soak.csv") + ", plot: " + settings.out().resolve("soak.png"));
        assertThat(result.passed()).as("soak verdict:%n%s", text).isTrue();
    }
}
