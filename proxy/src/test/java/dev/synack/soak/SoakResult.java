package dev.synack.soak;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one soak saw, and its verdict: it passes when every connection ended as its scenario says,
 * synack's records match its clients one for one, the rate was kept (at most 5% of starts skipped), no
 * resource grew beyond {@link GrowthBounds}, the leak detector reported nothing but the canary (and did
 * report the canary), no exception reached Netty's tail, synack logged no error, and it stopped with 0.
 */
record SoakResult(SoakSettings settings, long pid, String ready, ResourceSample baseline, List<Soak.Point> points,
                  double quietAt, ResourceSample quiet, Tally tally, boolean drained, List<Record> unclaimed,
                  long headerless, SynackLog log, int exit) {

    List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        long started = tally.total(Tally.STARTED);
        long failed = tally.total(Tally.FAILED);
        checks.add(new Check("connections as their scenario says", tally.total(Tally.OK) + " of " + started,
                "all", failed == 0 && tally.total(Tally.OK) == started && drained));
        long planned = started + tally.skippedCount();
        checks.add(new Check("rate kept", tally.skippedCount() + " of " + planned + " starts skipped",
                "<= 5%", started > 0 && tally.skippedCount() * 20 <= planned));
        checks.add(new Check("records without a client", unclaimed.size() + ", " + headerless + " service connections without a header",
                "0", unclaimed.isEmpty() && headerless == 0));
        checks.addAll(GrowthBounds.check(baseline, points, settings.warmUp().toMillis() / 1000.0, quiet));
        checks.add(new Check("leak reports (paranoid)", log.leaks().size() + "; canary reported " + log.canaries() + "x",
                "0; canary >= 1", log.leaks().isEmpty() && log.canaries() >= 1 && ready.contains("PARANOID")));
        checks.add(new Check("exceptions at Netty's tail", Integer.toString(log.unhandled().size()), "0", log.unhandled().isEmpty()));
        checks.add(new Check("errors in synack's log", Integer.toString(log.errors().size()), "0", log.errors().isEmpty()));
        checks.add(new Check("exit status after stop", Integer.toString(exit), "0", exit == 0));
        return checks;
    }

    boolean passed() {
        return checks().stream().allMatch(Check::passed);
    }
}
