package dev.synack.fault;

import java.util.random.RandomGenerator;

/**
 * Draws whether a fault acts on a connection: one draw per fault, connection and direction, when the
 * fault starts there (at connection start, or when added or updated on a live connection). A draw is
 * made whatever the toxicity, so one fault's toxicity never shifts the draws of the others.
 */
public final class Toxicity {
    private Toxicity() {}

    /** True with probability {@code toxicity}: always at 1, never at 0. */
    public static boolean draw(RandomGenerator random, double toxicity) {
        return random.nextDouble() < toxicity;
    }
}
