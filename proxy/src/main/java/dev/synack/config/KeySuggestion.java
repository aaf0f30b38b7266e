package dev.synack.config;

import java.util.List;

/**
 * Words the "expected" part of an unknown-key error: the nearest valid key when one is close (edit
 * distance at most 2, or one is a prefix of the other), else the whole list of valid keys. The fault
 * registry words unknown fault types and attributes with it too.
 */
public final class KeySuggestion {
    private static final int MAX_DISTANCE = 2;

    private KeySuggestion() {}

    public static String expected(String unknown, List<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            // Keys whose lengths differ by more than MAX_DISTANCE are further apart: skip the quadratic work.
            int d = Math.abs(unknown.length() - candidate.length()) > MAX_DISTANCE ? Integer.MAX_VALUE : distance(unknown, candidate);
            boolean prefix = !unknown.isEmpty() && (candidate.startsWith(unknown) || unknown.startsWith(candidate));
            // A prefix match counts as close, but a true near-miss still wins over it.
            int score = d <= MAX_DISTANCE ? d : prefix ? MAX_DISTANCE + 1 : Integer.MAX_VALUE;
            if (score < bestDistance) {
                best = candidate;
                bestDistance = score;
            }
        }
        return best != null ? best : "one of " + String.join(", ", known);
    }

    /** Levenshtein distance: the fewest single-character inserts, deletes and substitutions from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
