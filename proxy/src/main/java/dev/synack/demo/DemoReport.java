package dev.synack.demo;

import dev.synack.config.Units;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.OptionReading;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/**
 * Prints the demo's report: one small table per connection, always the same rows in the same order, so
 * that a reader (or a test) finds each value in the same place every run.
 */
final class DemoReport {
    private static final int WIDTH = 100;
    private static final String INDENT = "    ";
    private static final int KEY = 15;

    private final PrintWriter out;

    DemoReport(PrintWriter out) {
        this.out = out;
    }

    /**
     * A scripted connection: what the client did and saw, what the service received, what the proxy
     * recorded, and whether all of it agrees with the scenario.
     */
    boolean scripted(Scenario s, ClientOutcome client, long serviceGot, ConnectionSummary summary, List<String> faults) {
        out.println();
        out.println("(" + s.label + ") " + s.title);
        row("client saw", client.toString());
        row("service got", serviceGot + " B");
        if (summary == null) {
            row("check", "UNEXPECTED: synack reported no closed connection within "
                    + Units.formatDuration(Scenario.TIMEOUT));
            out.flush();
            return false;
        }
        summary(summary, faults);
        List<String> problems = new java.util.ArrayList<>();
        if (summary.reason() != s.expected) {
            problems.add("close reason " + summary.reason().key() + ", expected " + s.expected.key());
        }
        if (!client.intended()) {
            problems.add("the client did not see what this connection should show");
        }
        if (!client.ok() || summary.bytesClientToService() != client.written() || summary.bytesServiceToClient() != client.read()) {
            problems.add("the proxy's byte counts differ from what the client wrote and read");
        }
        if (serviceGot != summary.bytesClientToService()) {
            problems.add("the service received " + serviceGot + " B of the " + summary.bytesClientToService()
                    + " B synack read from the client");
        }
        row("check", problems.isEmpty() ? "as expected" : "UNEXPECTED: " + String.join("; ", problems));
        out.flush();
        return problems.isEmpty();
    }

    /** A connection made by someone else while the demo serves. */
    void unscripted(ConnectionSummary summary, List<String> faults) {
        out.println();
        out.println("(*) a connection through proxy " + summary.proxy());
        summary(summary, faults);
        out.flush();
    }

    private void summary(ConnectionSummary c, List<String> faults) {
        row("connection", "#" + c.id() + " on proxy " + c.proxy() + ": client " + address(c.client()) + " -> service "
                + (c.upstream() == null ? "(none tried)" : address(c.upstream())) + ", " + c.attempts()
                + (c.attempts() == 1 ? " connect attempt" : " connect attempts"));
        row("bytes", "client->service " + c.bytesClientToService() + ", service->client " + c.bytesServiceToClient());
        row("closed first", c.closedFirst() == null ? "-" : c.closedFirst().name().toLowerCase(Locale.ROOT));
        row("close reason", c.reason().key());
        row("faults", faults.isEmpty() ? "none" : String.join(", ", faults));
        row("lasted", String.format(Locale.ROOT, "%.1f ms", c.durationNanos() / 1e6)
                + (c.connectNanos() < 0 ? "" : String.format(Locale.ROOT, " (upstream connect %.2f ms)", c.connectNanos() / 1e6)));
        options("downstream", c.downstreamOptions(), "(none read)");
        options("upstream", c.upstreamOptions(), c.connectNanos() < 0 ? "(never connected)" : "(none read)");
    }

    /** {@code 127.0.0.1:8080}, without the {@code /} that {@link InetSocketAddress#toString()} puts in front. */
    static String address(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private void options(String side, List<OptionReading> readings, String ifNone) {
        if (readings.isEmpty()) {
            row(side, ifNone);
            return;
        }
        StringBuilder line = new StringBuilder();
        String key = side;
        for (OptionReading r : readings) {
            String item = r.toString();
            if (line.length() > 0 && INDENT.length() + KEY + line.length() + 1 + item.length() > WIDTH) {
                row(key, line.toString());
                key = "";
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(item);
        }
        row(key, line.toString());
    }

    private void row(String key, String value) {
        out.println(INDENT + String.format(Locale.ROOT, "%-" + KEY + "s", key) + value);
    }
}
