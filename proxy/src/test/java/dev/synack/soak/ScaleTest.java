package dev.synack.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Many connections held at once, then released: each proxied one holds exactly two of synack's descriptors,
 * all of them come back, every one ends with the client's FIN; with all of them open a metrics scrape counts
 * them. 500 proxied connections in the suite, and 300 accepted ones whose upstream connect is held back;
 * {@code scripts/scale} runs 9,000 and 10,000 ({@code synack.scale.connections}, {@code synack.scale.accepted})
 * and prints what one connection costs and how long a scrape takes.
 */
class ScaleTest {
    private static final String TRANSPORT = System.getProperty("synack.scale.transport", "auto");

    @Test
    void heldConnectionsCostTwoDescriptorsEachAndAllComeBack() throws Exception {
        int n = Integer.getInteger("synack.scale.connections", 500);
        ScaleRun.Result r = ScaleRun.run(n, ScaleRun.Hold.PROXIED, TRANSPORT, out());
        String text = report(r);
        System.out.print(text);

        assertThat(r.held().sessions()).as(text).isEqualTo(n);
        assertThat(r.held().fds() - r.before().fds()).as("descriptors held for %d connections%n%s", n, text)
                .isBetween(2 * n - 4, 2 * n + 4);
        assertThat(r.scrapedActive()).as("synack_connections_active in the scrape%n%s", text).isEqualTo(n);
        assertThat(r.after().sessions()).as(text).isZero();
        assertThat(r.after().fds()).as("descriptors after release%n%s", text).isLessThanOrEqualTo(r.before().fds() + 2);
        assertThat(r.reasons().get("client_fin")).as(text).isNotNull().hasValue(n);
    }

    @Test
    void acceptedConnectionsWaitingForTheirConnectCostOneDescriptorEach() throws Exception {
        int n = Integer.getInteger("synack.scale.accepted", 300);
        ScaleRun.Result r = ScaleRun.run(n, ScaleRun.Hold.ACCEPTED, TRANSPORT, out());
        String text = report(r);
        System.out.print(text);

        assertThat(r.held().sessions()).as(text).isEqualTo(n);
        assertThat(r.held().fds() - r.before().fds()).as("descriptors held for %d connections%n%s", n, text)
                .isBetween(n - 4, n + 4);
        assertThat(r.scrapedActive()).as("synack_connections_active in the scrape%n%s", text).isEqualTo(n);
        assertThat(r.after().sessions()).as(text).isZero();
        assertThat(r.after().fds()).as("descriptors after release%n%s", text).isLessThanOrEqualTo(r.before().fds() + 2);
        assertThat(r.reasons().get("client_rst")).as(text).isNotNull().hasValue(n);
    }

    private static Path out() {
        return Path.of(System.getProperty("synack.repo", "."), "proxy", "target", "scale").toAbsolutePath().normalize();
    }

    static String report(ScaleRun.Result r) {
        double mib = 1024 * 1024;
        int n = r.connections();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "scale: %d connections held at once (%s); synack %s%n", n,
                r.hold() == ScaleRun.Hold.PROXIED ? "proxied" : "accepted, upstream connect held back", r.ready()));
        b.append(String.format(Locale.ROOT, "%-10s %9s %9s %11s %7s %8s %9s%n", "", "rss MiB", "heap MiB", "direct MiB", "fds", "threads", "sessions"));
        row(b, "before", r.before());
        row(b, "held", r.held());
        row(b, "released", r.after());
        b.append(String.format(Locale.ROOT, "per connection: heap after GC %.0f B, RSS %.1f KiB, direct %.0f B, fds %.2f%n",
                (r.held().heapAfterGc() - r.before().heapAfterGc()) / (double) n,
                (r.held().rssKib() - r.before().rssKib()) / (double) n,
                (r.held().direct() - r.before().direct()) / (double) n,
                (r.held().fds() - r.before().fds()) / (double) n));
        b.append(String.format(Locale.ROOT, "opened (%s) in %.1f s, released in %.1f s; close reasons %s%n",
                r.hold() == ScaleRun.Hold.PROXIED ? "each with a round trip" : "each accepted", r.openSeconds(), r.releaseSeconds(), r.reasons()));
        java.util.List<Double> later = new java.util.ArrayList<>(r.scrapeMillis().subList(1, r.scrapeMillis().size()));
        later.sort(null);
        b.append(String.format(Locale.ROOT, "GET /metrics with all %d open: the first %.1f ms; the next %d median %.1f ms, max %.1f ms (%,d bytes)%n",
                n, r.scrapeMillis().get(0), later.size(), later.get(later.size() / 2), later.get(later.size() - 1), r.scrapeBytes()));
        return b.toString();
    }

    private static void row(StringBuilder b, String what, ResourceSample s) {
        b.append(String.format(Locale.ROOT, "%-10s %9.1f %9.1f %11.1f %7d %8d %9d%n", what, s.rssKib() / 1024.0,
                s.heapAfterGc() / (1024.0 * 1024), s.direct() / (1024.0 * 1024), s.fds(), s.threads(), s.sessions()));
    }
}
