package dev.synack.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Writes the access log's JSON lines, one per ended connection and one per connection rejected at accept,
 * with Jackson's streaming generator: a line costs one small string buffer, nothing per byte relayed.
 * Durations are milliseconds with three decimals; tcp_info times are microseconds, as the kernel keeps
 * them and as the mirror's JSON shows them. The README's access-log table lists every field.
 */
final class AccessLogLine {
    private static final JsonFactory JSON = new JsonFactory();

    private AccessLogLine() {}

    static String closed(Instant time, ConnectionSummary s, List<AppliedFault> faults) {
        return write(g -> {
            head(g, time, "closed", s.proxy());
            g.writeNumberField("id", s.id());
            g.writeStringField("client", address(s.client()));
            g.writeStringField("upstream", address(s.upstream()));
            g.writeNumberField("attempts", s.attempts());
            g.writeFieldName("connect_ms");
            if (s.connectNanos() < 0) {
                g.writeNull();
            } else {
                g.writeNumber(millis(s.connectNanos()));
            }
            g.writeFieldName("duration_ms");
            g.writeNumber(millis(s.durationNanos()));
            g.writeNumberField("bytes_client_to_service", s.bytesClientToService());
            g.writeNumberField("bytes_service_to_client", s.bytesServiceToClient());
            g.writeNumberField("discarded_client_to_service", s.discardedClientToService());
            g.writeNumberField("discarded_service_to_client", s.discardedServiceToClient());
            g.writeStringField("closed_first", s.closedFirst() == null ? null : s.closedFirst().name().toLowerCase(Locale.ROOT));
            g.writeStringField("reason", s.reason().key());
            faults(g, faults);
            tcp(g, "downstream_tcp", s.downstreamTcpInfo());
            tcp(g, "upstream_tcp", s.upstreamTcpInfo());
        });
    }

    static String rejected(Instant time, String proxy, InetSocketAddress client, CloseReason reason, List<AppliedFault> faults) {
        return write(g -> {
            head(g, time, "rejected", proxy);
            g.writeStringField("client", address(client));
            g.writeStringField("reason", reason.key());
            faults(g, faults);
        });
    }

    private static void head(JsonGenerator g, Instant time, String event, String proxy) throws IOException {
        g.writeStringField("time", time.truncatedTo(ChronoUnit.MILLIS).toString());
        g.writeStringField("event", event);
        g.writeStringField("proxy", proxy);
    }

    private static void faults(JsonGenerator g, List<AppliedFault> faults) throws IOException {
        g.writeArrayFieldStart("faults");
        for (AppliedFault f : faults) {
            g.writeStartObject();
            g.writeStringField("name", f.name());
            g.writeStringField("type", f.type());
            g.writeStringField("direction", f.direction().key());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The socket's tcp_info at its end, in brief; null when none was read (NIO, no such socket). */
    private static void tcp(JsonGenerator g, String field, TcpInfo t) throws IOException {
        g.writeFieldName(field);
        if (t == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("rtt_us", t.rtt());
        g.writeNumberField("min_rtt_us", t.minRtt());
        g.writeNumberField("total_retrans", t.totalRetrans());
        g.writeNumberField("cwnd", t.sndCwnd());
        g.writeNumberField("snd_mss", t.sndMss());
        g.writeArrayFieldStart("options");
        for (String name : t.optionNames().split(" ")) {
            if (!name.isEmpty()) {
                g.writeString(name);
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code 127.0.0.1:5000}, {@code [::1]:5000}; null stays null. */
    static String address(InetSocketAddress a) {
        if (a == null) {
            return null;
        }
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Exact milliseconds with three decimals (whole microseconds), never a binary fraction. */
    private static BigDecimal millis(long nanos) {
        return BigDecimal.valueOf(nanos / 1_000, 3);
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(640);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            // a StringWriter does not fail
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
