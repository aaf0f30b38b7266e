package dev.synack.mirror;

import dev.synack.observe.Side;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Draws a connection's timeline as the sequence diagram of a TCP textbook: four lifelines (client, synack's
 * downstream socket, synack's upstream socket, service), an arrow per segment (SYN, SYN+ACK, ACK, FIN, RST),
 * notes for what sends none (an fd closed, a timeout), the data in one summary line, and beside every step
 * both proxy sockets' states as {@code mirror / kernel}. Steps the model inferred are drawn dotted and their
 * state marked {@code ~}; divergences are flagged {@code !!} where they began and explained below.
 */
final class SequenceDiagram {
    private static final int[] LIFELINES = {1, 21, 41, 61};
    private static final int WIDTH = 63;
    private static final int STATE = 27;

    private SequenceDiagram() {}

    static String render(ConnectionView v) {
        StringBuilder out = new StringBuilder();
        header(v, out);
        out.append(String.format(Locale.ROOT, "%9s  %-" + WIDTH + "s  %-" + STATE + "s %s%n", "t (ms)",
                " client              downstream          upstream            service", "downstream mirror / kernel",
                "upstream mirror / kernel"));
        String[] states = {"LISTEN / ?", v.upstream() == null ? "-" : "CLOSED / ?"};
        boolean dataShown = false;
        List<TimelineEntry> timeline = v.timeline();
        List<Divergence> divergences = v.divergences();
        boolean[] flagged = new boolean[divergences.size()];
        for (TimelineEntry e : timeline) {
            for (int i = 0; i < divergences.size(); i++) {
                if (!flagged[i] && divergences.get(i).sinceNanos() < e.nanos()) {
                    flagged[i] = true;
                    flag(v, divergences.get(i), out);
                }
            }
            if (!dataShown && (e.event() == StepKind.FIN_READ || e.event() == StepKind.FIN_SENT || e.event() == StepKind.RST_READ
                    || e.event() == StepKind.RST_SENT || e.event() == StepKind.TIMED_OUT || e.event() == StepKind.FIN_ARRIVED)) {
                dataShown = data(v, out);
            }
            states[e.socket().ordinal()] = state(e);
            String time = String.format(Locale.ROOT, "%9.3f", (e.nanos() - v.startNanos()) / 1e6);
            List<String> rows = rows(e);
            for (int i = 0; i < rows.size(); i++) {
                boolean last = i == rows.size() - 1;
                out.append(String.format(Locale.ROOT, "%9s  %-" + WIDTH + "s  %-" + STATE + "s %s%n", i == 0 ? time : "",
                        rows.get(i), last ? states[0] : "", last ? states[1] : "").stripTrailing()).append('\n');
            }
        }
        for (int i = 0; i < divergences.size(); i++) {
            if (!flagged[i]) {
                flag(v, divergences.get(i), out);
            }
        }
        footer(v, out);
        return out.toString();
    }

    private static void header(ConnectionView v, StringBuilder out) {
        out.append("connection #").append(v.id()).append(" on proxy ").append(v.proxy()).append(": ")
                .append(v.open() ? "open, " + Durations.text(v.ageNanos()) + " old"
                        : "ended (" + v.closeReason() + (v.closedFirst() == null ? "" : ", "
                        + v.closedFirst().name().toLowerCase(Locale.ROOT) + " closed first") + ")")
                .append('\n');
        out.append("  client ").append(v.client()).append("  ->  synack ").append(orDash(v.downstream().local()))
                .append(" | ").append(v.upstream() == null ? "-" : orDash(v.upstream().local()))
                .append("  ->  service ").append(orDash(v.upstreamAddress())).append("\n\n");
    }

    private static void footer(ConnectionView v, StringBuilder out) {
        out.append('\n');
        out.append("  now        downstream ").append(now(v.downstream()));
        out.append(v.upstream() == null ? "" : "; upstream " + now(v.upstream())).append('\n');
        for (SocketView s : v.upstream() == null ? List.of(v.downstream()) : List.of(v.downstream(), v.upstream())) {
            if (s.note() != null) {
                out.append("  ").append(side(s.side())).append(": ").append(s.note()).append('\n');
            }
        }
        for (Divergence d : v.divergences()) {
            out.append("  !! ").append(side(d.socket())).append(' ').append(d.kind().key()).append(": ")
                    .append(d.explanation()).append('\n');
        }
        out.append("  (arrows: segments on the wire; dotted and ~: inferred by the model, not seen from user space"
                + " and not yet confirmed by the kernel; ? : kernel not read at that step)\n");
    }

    private static String now(SocketView s) {
        return s.mirrorState() + " / " + (s.kernelState() == null ? "?" : s.kernelState())
                + (s.agree() ? " (agree)" : " (DIVERGES)");
    }

    private static boolean data(ConnectionView v, StringBuilder out) {
        String text = "data: " + v.bytesClientToService() + " B client->service, " + v.bytesServiceToClient()
                + " B service->client";
        out.append(String.format(Locale.ROOT, "%9s  %s%n", "", center(text)));
        return true;
    }

    private static void flag(ConnectionView v, Divergence d, StringBuilder out) {
        out.append(String.format(Locale.ROOT, "%9.3f  !! %s %s%n", (d.sinceNanos() - v.startNanos()) / 1e6, side(d.socket()),
                d.kind().key()));
    }

    private static String state(TimelineEntry e) {
        return e.mirrorState() + (e.inferred() ? "~" : "") + " / " + (e.kernelState() == null ? "?" : e.kernelState());
    }

    /** The lifeline rows of one step: an arrow per segment, or a note. */
    private static List<String> rows(TimelineEntry e) {
        int from = e.socket() == Side.DOWNSTREAM ? 0 : 3;
        int proxy = e.socket() == Side.DOWNSTREAM ? 1 : 2;
        StepKind k = e.event();
        if (k.in() == null && k.out() == null) {
            return List.of(note(proxy, e.socket(), k.key().replace('_', ' ')));
        }
        java.util.ArrayList<String> rows = new java.util.ArrayList<>(2);
        if (k.in() != null) {
            rows.add(arrow(from, proxy, k.in(), e.inferred()));
        }
        if (k.out() != null) {
            rows.add(arrow(proxy, from, k.out(), e.inferred() && k.in() == null));
        }
        return rows;
    }

    private static String arrow(int from, int to, String label, boolean dotted) {
        char[] line = lifelines();
        int a = Math.min(LIFELINES[from], LIFELINES[to]) + 1;
        int b = Math.max(LIFELINES[from], LIFELINES[to]) - 1;
        Arrays.fill(line, a, b + 1, dotted ? '.' : '-');
        if (from < to) {
            line[b] = '>';
        } else {
            line[a] = '<';
        }
        String text = " " + label + " ";
        int start = a + (b - a + 1 - text.length()) / 2;
        text.getChars(0, text.length(), line, start);
        return new String(line);
    }

    private static String note(int lifeline, Side side, String text) {
        char[] line = lifelines();
        int start = side == Side.DOWNSTREAM ? LIFELINES[lifeline] + 2 : LIFELINES[lifeline] - 1 - text.length();
        text.getChars(0, Math.min(text.length(), 18), line, Math.max(start, 0));
        return new String(line);
    }

    private static String center(String text) {
        char[] line = lifelines();
        int start = Math.max(0, (WIDTH - text.length()) / 2);
        text.getChars(0, Math.min(text.length(), WIDTH - start), line, start);
        return new String(line);
    }

    private static char[] lifelines() {
        char[] line = new char[WIDTH];
        Arrays.fill(line, ' ');
        for (int x : LIFELINES) {
            line[x] = '|';
        }
        return line;
    }

    private static String side(Side s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }
}
