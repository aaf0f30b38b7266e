package dev.synack.mirror;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.synack.observe.TcpInfo;

/**
 * A socket's per-connection diagnostics from its tcp_info, as the {@code tcp_info} object of the admin
 * API: handshake time, round-trip times, retransmissions, window and segment sizes, the options the
 * handshake negotiated, TCP Fast Open, and the kernel's byte counts. Null while no tcp_info was read.
 */
final class TcpInfoJson {
    private TcpInfoJson() {}

    static ObjectNode of(SocketView s) {
        TcpInfo t = s.tcpInfo();
        if (t == null) {
            return null;
        }
        TcpInfo first = s.firstTcpInfo() != null ? s.firstTcpInfo() : t;
        ObjectNode o = MirrorJson.MAPPER.createObjectNode();
        if (s.handshakeNanos() >= 0) {
            o.put("handshake_ms", Durations.millis(s.handshakeNanos()));
        } else {
            o.putNull("handshake_ms");
        }
        o.put("rtt_us", t.rtt());
        o.put("rttvar_us", t.rttvar());
        o.put("min_rtt_us", t.minRtt());
        o.put("retransmits", t.retransmits());
        o.put("total_retrans", t.totalRetrans());
        o.put("probes", t.probes());
        o.put("unacked", t.unacked());
        o.put("cwnd", t.sndCwnd());
        o.put("snd_mss", t.sndMss());
        o.put("rcv_mss", t.rcvMss());
        o.put("snd_wscale", t.sndWscale());
        o.put("rcv_wscale", t.rcvWscale());
        ObjectNode opts = o.putObject("options");
        opts.put("timestamps", first.timestamps());
        opts.put("sack", first.sack());
        opts.put("window_scaling", first.windowScaling());
        opts.put("ecn", first.ecn());
        // Data in the SYN: on an accepted socket the SYN carried it, on a connected one the SYN sent it.
        o.put("syn_data", first.synData());
        o.put("tfo_child", first.tfoChild());
        o.put("bytes_sent", t.bytesSent());
        o.put("bytes_acked", t.bytesAcked());
        o.put("bytes_received", t.bytesReceived());
        return o;
    }
}
