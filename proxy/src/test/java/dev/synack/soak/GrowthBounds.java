package dev.synack.soak;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The resource bounds a soak must stay within. The samples after the warm-up are split in two halves, and
 * the later half may exceed the earlier by at most: 8 MiB of heap after GC (medians), 16 MiB of direct
 * memory (maxima: one 4 MiB pool chunk per arena on this machine), 64 MiB of RSS (medians), 2 threads
 * (maxima), and 2 file descriptors besides the two each open session holds (medians: a session that has
 * ended may still read its peer's last bytes for up to 5 s, and a stall of the machine piles those up for a
 * moment). Once the traffic has stopped and every session ended, synack may hold at most 2 descriptors more
 * than before the traffic.
 */
final class GrowthBounds {
    static final double HEAP_MIB = 8;
    static final double DIRECT_MIB = 16;
    static final double RSS_MIB = 64;
    static final int THREADS = 2;
    static final int FDS_DURING = 2;
    static final int FDS_AFTER = 2;
    private static final double MIB = 1024 * 1024;

    private GrowthBounds() {}

    static List<Check> check(ResourceSample baseline, List<Soak.Point> points, double warmUpSeconds, ResourceSample quiet) {
        List<ResourceSample> post = points.stream().filter(p -> p.seconds() >= warmUpSeconds).map(Soak.Point::sample).toList();
        List<Check> checks = new ArrayList<>();
        if (post.size() < 2) {
            checks.add(new Check("samples after warm-up", Integer.toString(post.size()), ">= 2", false));
            return checks;
        }
        List<ResourceSample> first = post.subList(0, post.size() / 2);
        List<ResourceSample> second = post.subList(post.size() / 2, post.size());
        checks.add(growth("heap after GC (median)", median(second, s -> s.heapAfterGc() / MIB) - median(first, s -> s.heapAfterGc() / MIB), HEAP_MIB));
        checks.add(growth("direct memory (max)", max(second, s -> s.direct() / MIB) - max(first, s -> s.direct() / MIB), DIRECT_MIB));
        checks.add(growth("RSS (median)", median(second, s -> s.rssKib() / 1024.0) - median(first, s -> s.rssKib() / 1024.0), RSS_MIB));
        double threads = max(second, ResourceSample::threads) - max(first, ResourceSample::threads);
        checks.add(new Check("threads (max)", String.format("%+.0f after warm-up", threads), "<= +" + THREADS, threads <= THREADS));
        double fds = median(second, s -> s.fds() - 2.0 * s.sessions()) - median(first, s -> s.fds() - 2.0 * s.sessions());
        checks.add(new Check("fds beyond 2 per session (median)", String.format("%+.1f after warm-up", fds),
                "<= +" + FDS_DURING, fds <= FDS_DURING));
        int after = quiet.fds() - baseline.fds();
        checks.add(new Check("fds after traffic", String.format("%d (%+d), %d sessions", quiet.fds(), after, quiet.sessions()),
                "<= +" + FDS_AFTER + ", 0 sessions", after <= FDS_AFTER && quiet.sessions() == 0));
        return checks;
    }

    private static Check growth(String what, double mib, double bound) {
        return new Check(what, String.format("%+.1f MiB after warm-up", mib), "<= +" + (int) bound + " MiB", mib <= bound);
    }

    private static double median(List<ResourceSample> samples, ToDoubleFunction<ResourceSample> f) {
        double[] v = samples.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double max(List<ResourceSample> samples, ToDoubleFunction<ResourceSample> f) {
        return Arrays.stream(samples.stream().mapToDouble(f).toArray()).max().orElse(0);
    }
}
