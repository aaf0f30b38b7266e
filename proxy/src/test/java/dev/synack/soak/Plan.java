package dev.synack.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * The order scenarios start in: a cycle of 200 connections in which each scenario takes its weight,
 * spread evenly (smooth weighted round robin), so every stretch of the run carries the same mix.
 */
final class Plan {
    private Plan() {}

    static List<Scenario> cycle() {
        Scenario[] all = Scenario.values();
        int total = 0;
        for (Scenario s : all) {
            total += s.weight;
        }
        int[] current = new int[all.length];
        List<Scenario> out = new ArrayList<>(total);
        for (int n = 0; n < total; n++) {
            int best = 0;
            for (int i = 0; i < all.length; i++) {
                current[i] += all[i].weight;
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out.add(all[best]);
        }
        return out;
    }
}
