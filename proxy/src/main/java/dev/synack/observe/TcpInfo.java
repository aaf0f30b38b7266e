package dev.synack.observe;

import dev.synack.config.KernelOption;

/**
 * A snapshot of Linux's struct tcp_info for one socket (include/uapi/linux/tcp.h), the fields through
 * {@code tcpi_snd_wnd}. It is kernel data that observers consume (the mirror, the metrics' tcp histograms,
 * the access log), so it lives with them; {@code net.TcpInfoReader} reads it off a channel. Times are microseconds unless named otherwise ({@code rto}, {@code ato} and
 * {@code rtt} are µs; {@code last*} are ms); sizes are bytes; {@code state} is Linux's state number
 * (1 ESTABLISHED ... 10 LISTEN, 11 CLOSING).
 */
public record TcpInfo(
        int state, int caState, int retransmits, int probes, int backoff, int options,
        int sndWscale, int rcvWscale, boolean deliveryRateAppLimited, int fastopenClientFail,
        int rto, int ato, int sndMss, int rcvMss,
        int unacked, int sacked, int lost, int retrans, int fackets,
        int lastDataSent, int lastAckSent, int lastDataRecv, int lastAckRecv,
        int pmtu, int rcvSsthresh, int rtt, int rttvar, int sndSsthresh, int sndCwnd, int advmss, int reordering,
        int rcvRtt, int rcvSpace, int totalRetrans,
        long pacingRate, long maxPacingRate, long bytesAcked, long bytesReceived,
        int segsOut, int segsIn, int notsentBytes, int minRtt, int dataSegsIn, int dataSegsOut,
        long deliveryRate, long busyTime, long rwndLimited, long sndbufLimited,
        int delivered, int deliveredCe, long bytesSent, long bytesRetrans,
        int dsackDups, int reordSeen, int rcvOoopack, int sndWnd) {

    /**
     * Whether every bit of {@code mask} is set in tcpi_options: one of the {@code TCPI_OPT_*} constants of
     * {@link KernelOption}, or several or-ed.
     */
    public boolean has(int mask) {
        return (options & mask) == mask;
    }

    /** The handshake negotiated TCP timestamps. */
    public boolean timestamps() { return has(KernelOption.TCPI_OPT_TIMESTAMPS); }

    /** The handshake negotiated selective acknowledgements. */
    public boolean sack() { return has(KernelOption.TCPI_OPT_SACK); }

    /** The handshake negotiated window scaling. */
    public boolean windowScaling() { return has(KernelOption.TCPI_OPT_WSCALE); }

    /** The handshake negotiated ECN. */
    public boolean ecn() { return has(KernelOption.TCPI_OPT_ECN); }

    /** The SYN carried data the peer acknowledged (TCP Fast Open, either end). */
    public boolean synData() { return has(KernelOption.TCPI_OPT_SYN_DATA); }

    /** The connection was accepted through TCP Fast Open. */
    public boolean tfoChild() { return has(KernelOption.TCPI_OPT_TFO_CHILD); }

    /** The options bits by name, as {@code ss} would list them: {@code ts sack wscale syn_data tfo_child}. */
    public String optionNames() {
        StringBuilder sb = new StringBuilder();
        String[] names = {"ts", "sack", "wscale", "ecn", "ecn_seen", "syn_data", "usec_ts", "tfo_child"};
        for (int i = 0; i < names.length; i++) {
            if ((options & (1 << i)) != 0) {
                sb.append(sb.isEmpty() ? "" : " ").append(names[i]);
            }
        }
        return sb.toString();
    }
}
