package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which valid key an unknown key is taken to mean. */
class KeySuggestionTest {
    private static final List<String> KEYS = List.of("timeout", "attempts", "backoff");

    @Test
    void nearestWithinTwoEdits() {
        assertThat(KeySuggestion.expected("timeot", KEYS)).isEqualTo("timeout");
        assertThat(KeySuggestion.expected("atempts", KEYS)).isEqualTo("attempts");
        assertThat(KeySuggestion.expected("bakof", KEYS)).isEqualTo("backoff");
    }

    @Test
    void prefixEitherWay() {
        assertThat(KeySuggestion.expected("back", KEYS)).isEqualTo("backoff");
        assertThat(KeySuggestion.expected("timeout_ms", KEYS)).isEqualTo("timeout");
    }

    @Test
    void elseTheWholeList() {
        assertThat(KeySuggestion.expected("retries", KEYS)).isEqualTo("one of timeout, attempts, backoff");
    }

    @Test
    void distance() {
        assertThat(KeySuggestion.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(KeySuggestion.distance("", "abc")).isEqualTo(3);
        assertThat(KeySuggestion.distance("same", "same")).isZero();
    }
}
