package dev.synack.mirror;

import static dev.synack.mirror.model.LinuxTcpState.CLOSE;
import static dev.synack.mirror.model.LinuxTcpState.CLOSE_WAIT;
import static dev.synack.mirror.model.LinuxTcpState.ESTABLISHED;
import static dev.synack.mirror.model.LinuxTcpState.FIN_WAIT1;
import static dev.synack.mirror.model.LinuxTcpState.FIN_WAIT2;
import static dev.synack.mirror.model.LinuxTcpState.LAST_ACK;
import static dev.synack.mirror.model.LinuxTcpState.TIME_WAIT;
import static dev.synack.observe.Side.DOWNSTREAM;
import static dev.synack.observe.Side.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.mirror.model.ObservedEvent;
import dev.synack.net.SocketAddressText;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.MirrorCounts;
import dev.synack.observe.OptionReading;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import dev.synack.observe.TcpInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An ended connection's compact record against the mirrors it was packed from: the same JSON, timeline and
 * sequence diagram when it ends, and after every poll the same as the mirrors sampled the way an ended
 * connection was before it had a record (both sockets read from /proc and checked, the live objects kept):
 * the reference here. Polls in TIME_WAIT take the record's in-place path, the others its full one.
 */
class EndedConnectionTest {
    private static final MirrorOptions OPTIONS = new MirrorOptions(Duration.ofSeconds(1), Duration.ofSeconds(30), 100,
            Duration.ofSeconds(5), 1_000);
    private static final long START = TimeUnit.SECONDS.toNanos(1000);

    private final FakeKernel kernel = new FakeKernel();
    private final List<Divergence> diverged = new ArrayList<>();
    private long now = START;

    /**
     * Client first; upstream in TIME_WAIT polled many times, then gone at its time (60 s after the last reading
     * of its timer); downstream gone at once.
     */
    @Test
    void timeWaitPolledThenExpired() {
        Ended e = closedByClient(1);
        kernel.row(e.c, UPSTREAM, TIME_WAIT, 6000);
        kernel.gone(e.c, DOWNSTREAM);
        for (long ms : new long[] {20, 1_000, 2_000, 3_000, 4_000}) {
            pollBoth(e, ms);
        }
        assertThat(e.record.view(now).upstream().kernelState()).isEqualTo("TIME_WAIT");
        kernel.gone(e.c, UPSTREAM);
        pollBoth(e, 64_000);
        pollBoth(e, 65_000);
        assertThat(e.record.view(now).timeline()).last().extracting(TimelineEntry::event).isEqualTo(StepKind.TIME_WAIT_EXPIRED);
        assertThat(e.record.expired(now, 0)).isTrue();
    }

    /** A client reusing its port takes the TIME_WAIT over: a new socket's row on the 4-tuple, socket_gone_early. */
    @Test
    void timeWaitTakenOverEarly() {
        Ended e = closedByClient(2);
        kernel.row(e.c, UPSTREAM, TIME_WAIT, 6000);
        kernel.gone(e.c, DOWNSTREAM);
        pollBoth(e, 20);
        pollBoth(e, 1_000);
        kernel.rowWithUnread(e.c, UPSTREAM, ESTABLISHED, 0);
        pollBoth(e, 2_000);
        pollBoth(e, 3_000);
        assertThat(e.record.view(now).divergences()).extracting(Divergence::kind).containsExactly(DivergenceKind.SOCKET_GONE_EARLY);
    }

    /** synack's FIN to the client never ACKed after its fd closed: fin_not_acked past the grace, then FIN_WAIT_2 and gone. */
    @Test
    void finNotAckedAfterTheEnd() {
        Ended e = closedByService(3);
        kernel.row(e.c, DOWNSTREAM, FIN_WAIT1, 0);
        kernel.gone(e.c, UPSTREAM);
        for (long ms : new long[] {20, 1_000, 3_000, 6_000, 7_000}) {
            pollBoth(e, ms);
        }
        assertThat(e.record.view(now).divergences()).extracting(Divergence::kind).containsExactly(DivergenceKind.FIN_NOT_ACKED);
        kernel.row(e.c, DOWNSTREAM, FIN_WAIT2, 0);
        pollBoth(e, 8_000);
        pollBoth(e, 9_000);
        pollBoth(e, 10_000);
        kernel.gone(e.c, DOWNSTREAM);
        pollBoth(e, 11_000);
        assertThat(e.record.expired(now, 0)).isTrue();
    }

    /** A keepalive timeout leaves a note; a fault acting on a direction is kept; no scan when nothing is wanted. */
    @Test
    void notesFaultsAndPollsWithoutAScan() {
        FakeConnection c = new FakeConnection(4);
        ConnectionMirror m = established(c);
        m.faultActs(Direction.SERVICE_TO_CLIENT, "slow", "latency");
        kernel.tcpInfo(c, UPSTREAM, FakeKernel.tcpInfo(CLOSE.code(), 0, 0, 2));
        at(3_000);
        m.timedOut(UPSTREAM, now);
        closeFd(m, c, UPSTREAM);
        event(m, DOWNSTREAM, StepKind.RST_SENT, ObservedEvent.RST_SENT);
        closeFd(m, c, DOWNSTREAM);
        Ended e = end(m, c, CloseReason.ERROR, Peer.SERVICE);
        assertThat(e.record.view(now).upstream().note()).contains("keepalive");
        kernel.gone(c, UPSTREAM);
        kernel.gone(c, DOWNSTREAM);
        pollBoth(e, 4_000);
        pollBoth(e, 5_000);
        sampleBoth(e, null, 6_000);
    }

    /** The upstream never tried (an unresolved name): no upstream socket, only a note on the timeline. */
    @Test
    void anUpstreamNeverTried() {
        FakeConnection c = new FakeConnection(5);
        kernel.state(c, DOWNSTREAM, ESTABLISHED);
        ConnectionMirror m = mirror(c);
        event(m, DOWNSTREAM, StepKind.HANDSHAKE_ACKED, ObservedEvent.ACCEPTED);
        c.runLoop();
        event(m, UPSTREAM, StepKind.UNRESOLVED, null);
        event(m, DOWNSTREAM, StepKind.RST_SENT, ObservedEvent.RST_SENT);
        closeFd(m, c, DOWNSTREAM);
        Ended e = end(m, c, CloseReason.ERROR, Peer.PROXY);
        assertThat(e.record.view(now).upstream()).isNull();
        kernel.gone(c, DOWNSTREAM);
        pollBoth(e, 1_000);
        pollBoth(e, 2_000);
    }

    /** NIO: no tcp_info at all, /proc only, before and after the end. */
    @Test
    void withoutTcpInfo() {
        kernel.nio = true;
        Ended e = closedByClient(6);
        assertThat(e.record.view(now).downstream().tcpInfo()).isNull();
        kernel.row(e.c, UPSTREAM, TIME_WAIT, 6000);
        kernel.row(e.c, DOWNSTREAM, LAST_ACK, 0);
        pollBoth(e, 20);
        pollBoth(e, 1_000);
        kernel.gone(e.c, DOWNSTREAM);
        pollBoth(e, 2_000);
        pollBoth(e, 3_000);
    }

    /** IPv6 addresses do not pack: the record keeps them as they are, and shows and looks them up the same. */
    @Test
    void ipv6AddressesAreKeptAsThemselves() {
        InetSocketAddress client = new InetSocketAddress("::1", 40007);
        InetSocketAddress listener = new InetSocketAddress("::1", 18080);
        ConnectionInfo c = new ConnectionInfo() {
            @Override public long id() { return 7; }
            @Override public Executor executor() { return Runnable::run; }
            @Override public boolean isOpen() { return true; }
            @Override public long startNanos() { return START; }
            @Override public String proxy() { return "web"; }
            @Override public InetSocketAddress client() { return client; }
            @Override public InetSocketAddress upstream() { return null; }
            @Override public InetSocketAddress localAddress(Side side) { return side == DOWNSTREAM ? listener : null; }
            @Override public InetSocketAddress remoteAddress(Side side) { return side == DOWNSTREAM ? client : null; }
            @Override public long bytes(Direction direction) { return 0; }
            @Override public List<OptionReading> options(Side side) { return List.of(); }
        };
        KernelProbe noTcpInfo = new KernelProbe() {
            @Override public Optional<TcpInfo> tcpInfo(ConnectionInfo info, Side side) { return Optional.empty(); }
            @Override public KernelTable scan(ScanRequest wanted) { return KernelTable.EMPTY; }
        };
        ConnectionMirror m = new ConnectionMirror(c, now, OPTIONS, noTcpInfo, () -> now, diverged::add, new ReadBudget(1_000, () -> now));
        event(m, DOWNSTREAM, StepKind.HANDSHAKE_ACKED, ObservedEvent.ACCEPTED);
        event(m, DOWNSTREAM, StepKind.RST_SENT, ObservedEvent.RST_SENT);
        event(m, DOWNSTREAM, StepKind.FD_CLOSED, ObservedEvent.SOCKET_CLOSED);
        ConnectionSummary s = new ConnectionSummary(7, "web", client, null, 0, -1, 1, 0, 0, 0, 0, Peer.PROXY,
                CloseReason.SHUTDOWN, List.of(), List.of());
        Ended e = new Ended(null, m, s, m.end(s));
        assertSame(e);
        assertThat(e.record.view(now).client()).isEqualTo("[0:0:0:0:0:0:0:1]:40007");
        ScanRequest wanted = new ScanRequest();
        e.record.want(wanted);
        assertThat(wanted.wants(18080, 40007)).isTrue();
        sampleBoth(e, KernelTable.EMPTY, 1_000);
        assertThat(e.record.view(now).downstream().kernelState()).isEqualTo("GONE");
    }

    @Test
    void addressesPack() {
        InetSocketAddress v4 = new InetSocketAddress("192.0.2.7", 443);
        assertThat(PackedAddress.address(PackedAddress.of(v4))).isEqualTo(v4);
        assertThat(PackedAddress.port(PackedAddress.of(v4))).isEqualTo(443);
        InetSocketAddress mapped = new InetSocketAddress("::ffff:192.0.2.7", 443);
        assertThat(PackedAddress.of(mapped)).isEqualTo(PackedAddress.of(v4));
        assertThat(PackedAddress.of(new InetSocketAddress("255.255.255.255", 65535))).isNotIn(PackedAddress.NONE,
                PackedAddress.OTHER);
        assertThat(PackedAddress.address(PackedAddress.of(new InetSocketAddress("255.255.255.255", 65535))))
                .isEqualTo(new InetSocketAddress("255.255.255.255", 65535));
        assertThat(PackedAddress.of(new InetSocketAddress("2001:db8::1", 80))).isEqualTo(PackedAddress.OTHER);
        assertThat(PackedAddress.of(InetSocketAddress.createUnresolved("service.internal", 80))).isEqualTo(PackedAddress.OTHER);
        assertThat(PackedAddress.of(null)).isEqualTo(PackedAddress.NONE);
    }

    /** The digest keeps every field the admin API shows, unsigned 32-bit values and 64-bit counts included. */
    @Test
    void tcpInfoDigestKeepsWhatTheApiShows() {
        TcpInfo t = new TcpInfo(1, 2, 3, 4, 5, 0xbf, 14, 7, true, 1, 200_000, 40_000, 1448, 536, 9, 1, 2, 3, 4, 5, 6, 7, 8,
                1500, 65535, -5, 0x7fff_ffff, 10, 88, 1460, 3, 77, 131072, -1, 1L, 2L, 1L << 40, (1L << 41) + 3, 11, 12, 13,
                321, 14, 15, 16L, 17L, 18L, 19L, 20, 21, 1L << 42, 22L, 23, 24, 25, 26);
        long[] packed = new long[3 + TcpInfoDigest.LONGS];
        TcpInfoDigest.pack(t, packed, 3);
        TcpInfo back = TcpInfoDigest.unpack(packed, 3);
        SocketView view = new SocketView(UPSTREAM, null, null, false, dev.synack.mirror.model.TcpState.CLOSED, null,
                Verdict.AGREE, t, t, 5_000_000, null, List.of());
        SocketView viewBack = new SocketView(UPSTREAM, null, null, false, dev.synack.mirror.model.TcpState.CLOSED, null,
                Verdict.AGREE, back, TcpInfoDigest.ofOptions(t.options()), 5_000_000, null, List.of());
        assertThat(TcpInfoJson.of(viewBack)).isEqualTo(TcpInfoJson.of(view));
        assertThat(back.state()).isEqualTo(1);
        assertThat(back.options()).isEqualTo(0xbf);
    }

    // ---- scenarios -----------------------------------------------------------------------------------

    /** The textbook close, the client first; tcp_info with options on both sockets. */
    private Ended closedByClient(long id) {
        FakeConnection c = new FakeConnection(id);
        ConnectionMirror m = established(c);
        at(10);
        kernel.state(c, DOWNSTREAM, CLOSE_WAIT);
        event(m, DOWNSTREAM, StepKind.FIN_READ, ObservedEvent.FIN_READ);
        at(11);
        kernel.state(c, UPSTREAM, FIN_WAIT2);
        event(m, UPSTREAM, StepKind.FIN_SENT, ObservedEvent.FIN_SENT);
        c.runLoop();
        at(20);
        kernel.state(c, UPSTREAM, CLOSE);
        event(m, UPSTREAM, StepKind.FIN_READ, ObservedEvent.FIN_READ);
        closeFd(m, c, UPSTREAM);
        kernel.state(c, DOWNSTREAM, LAST_ACK);
        event(m, DOWNSTREAM, StepKind.FIN_SENT, ObservedEvent.FIN_SENT);
        closeFd(m, c, DOWNSTREAM);
        return end(m, c, CloseReason.CLIENT_FIN, Peer.CLIENT);
    }

    /** The service closes first; synack's FIN to the client leaves as its fd closes. */
    private Ended closedByService(long id) {
        FakeConnection c = new FakeConnection(id);
        ConnectionMirror m = established(c);
        at(10);
        kernel.state(c, UPSTREAM, CLOSE_WAIT);
        event(m, UPSTREAM, StepKind.FIN_READ, ObservedEvent.FIN_READ);
        kernel.state(c, DOWNSTREAM, FIN_WAIT1);
        event(m, DOWNSTREAM, StepKind.FIN_SENT, ObservedEvent.FIN_SENT);
        c.runLoop();
        kernel.state(c, UPSTREAM, LAST_ACK);
        event(m, UPSTREAM, StepKind.FIN_SENT, ObservedEvent.FIN_SENT);
        closeFd(m, c, UPSTREAM);
        closeFd(m, c, DOWNSTREAM);
        return end(m, c, CloseReason.SERVICE_FIN, Peer.SERVICE);
    }

    private ConnectionMirror established(FakeConnection c) {
        kernel.state(c, DOWNSTREAM, ESTABLISHED);
        kernel.tcpInfo(c, DOWNSTREAM, FakeKernel.tcpInfo(ESTABLISHED.code(), 0x7, 0, 0));
        ConnectionMirror m = mirror(c);
        event(m, DOWNSTREAM, StepKind.HANDSHAKE_ACKED, ObservedEvent.ACCEPTED);
        c.runLoop();
        at(1);
        kernel.state(c, UPSTREAM, ESTABLISHED);
        kernel.tcpInfo(c, UPSTREAM, FakeKernel.tcpInfo(ESTABLISHED.code(), 0x3, 1, 0));
        event(m, UPSTREAM, StepKind.CONNECT, ObservedEvent.CONNECT_STARTED);
        c.connectedUpstream();
        event(m, UPSTREAM, StepKind.CONNECTED, ObservedEvent.CONNECTED);
        c.runLoop();
        return m;
    }

    private ConnectionMirror mirror(FakeConnection c) {
        return new ConnectionMirror(c, now, OPTIONS, kernel, () -> now, diverged::add, new ReadBudget(1_000, () -> now));
    }

    private void event(ConnectionMirror m, Side side, StepKind kind, ObservedEvent e) {
        m.observe(side, now, kind, e);
    }

    private void closeFd(ConnectionMirror m, FakeConnection c, Side side) {
        c.closeFd(side);
        event(m, side, StepKind.FD_CLOSED, ObservedEvent.SOCKET_CLOSED);
    }

    private Ended end(ConnectionMirror m, FakeConnection c, CloseReason reason, Peer first) {
        c.ended();
        ConnectionSummary s = new ConnectionSummary(c.id(), c.proxy(), c.client(), c.upstream(), 1, 1, now - START, 68, 107,
                0, 0, first, reason, List.of(), List.of());
        Ended e = new Ended(c, m, s, m.end(s));
        c.runLoop(); // a transition sample on its way when the session ended reads nothing
        assertSame(e);
        return e;
    }

    private void at(long millis) {
        now = START + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    // ---- the comparison ------------------------------------------------------------------------------

    /** A record and the mirrors it was made of, which the test keeps sampling the former way ({@code c} null: not a fake). */
    private record Ended(FakeConnection c, ConnectionMirror mirror, ConnectionSummary summary, EndedConnection record) {}

    /** One poll of both: the same scan request from each, one scan, the same reading. */
    private void pollBoth(Ended e, long millis) {
        at(millis);
        ScanRequest fromRecord = new ScanRequest();
        e.record.want(fromRecord);
        ScanRequest asBefore = new ScanRequest();
        wantAsBefore(e.mirror, asBefore);
        assertThat(fromRecord.toString()).isEqualTo(asBefore.toString());
        for (SocketMirror s : new SocketMirror[] {e.mirror.down, e.mirror.up}) {
            if (s.local != null && s.remote != null) {
                assertThat(fromRecord.covers(s.local, s.remote)).isEqualTo(asBefore.covers(s.local, s.remote));
            }
        }
        sampleBoth(e, fromRecord.isEmpty() ? null : kernel.scan(fromRecord), millis);
    }

    private void sampleBoth(Ended e, KernelTable table, long millis) {
        at(millis);
        e.record.sampleClosed(table, now);
        sampleAsBefore(e.mirror, table, now);
        assertSame(e);
        boolean settled = e.mirror.down.settled() && e.mirror.up.settled();
        assertThat(e.record.expired(now, 0)).as("settled, and so forgotten after keep_closed").isEqualTo(settled);
    }

    /** What the poller asked of an ended connection's mirrors before the record. */
    private void wantAsBefore(ConnectionMirror m, ScanRequest request) {
        for (SocketMirror s : new SocketMirror[] {m.down, m.up}) {
            if (s.exists && s.local != null && s.remote != null && (s.fdOpen || !s.settled())) {
                request.add(s.local, s.remote, kernel.tableOf(s.local));
            }
        }
    }

    /** How the poller read an ended connection's mirrors before the record. */
    private static void sampleAsBefore(ConnectionMirror m, KernelTable table, long now) {
        for (SocketMirror s : new SocketMirror[] {m.down, m.up}) {
            if (s.exists && (s.fdOpen || table != null)) {
                Reconciler.read(s, null, table, now);
                DurationRules.check(s, s == m.down ? m.up : m.down, now, OPTIONS.divergenceGrace().toNanos(),
                        m.fault(Direction.readOn(s.side)));
            }
        }
    }

    private void assertSame(Ended e) {
        ConnectionView expected = viewAsBefore(e.mirror, e.summary, now);
        ConnectionView actual = e.record.view(now);
        assertThat(MirrorJson.connection(actual, true)).isEqualTo(MirrorJson.connection(expected, true));
        assertThat(SequenceDiagram.render(actual)).isEqualTo(SequenceDiagram.render(expected));
        assertThat(actual.timeline()).isEqualTo(expected.timeline());
        assertThat(actual.divergences()).isEqualTo(expected.divergences());
        sameSocket(actual.downstream(), expected.downstream());
        if (expected.upstream() != null) {
            sameSocket(actual.upstream(), expected.upstream());
        }
        assertThat(tally(e.record)).isEqualTo(tallyAsBefore(e.mirror));
    }

    private static void sameSocket(SocketView actual, SocketView expected) {
        assertThat(actual).usingRecursiveComparison().ignoringFields("tcpInfo", "firstTcpInfo").isEqualTo(expected);
        assertThat(actual.tcpInfo() == null).isEqualTo(expected.tcpInfo() == null);
        assertThat(actual.firstTcpInfo() == null).isEqualTo(expected.firstTcpInfo() == null);
        if (expected.firstTcpInfo() != null) {
            assertThat(actual.firstTcpInfo().options()).isEqualTo(expected.firstTcpInfo().options());
        }
    }

    /** An ended connection's view as it was made from its mirrors and summary. */
    private static ConnectionView viewAsBefore(ConnectionMirror c, ConnectionSummary s, long now) {
        return new ConnectionView(c.id, c.proxy, false, s.reason().key(), s.closedFirst(), SocketAddressText.of(c.client),
                SocketAddressText.of(s.upstream()), c.startNanos, now, s.bytesClientToService(), s.bytesServiceToClient(),
                SocketView.of(c.down), c.up.exists ? SocketView.of(c.up) : null, c.timeline.copy());
    }

    private static Map<String, Long> tally(EndedConnection e) {
        Map<String, Long> t = new HashMap<>();
        e.tally(t);
        return t;
    }

    private static Map<String, Long> tallyAsBefore(ConnectionMirror c) {
        Map<String, Long> t = new HashMap<>();
        for (SocketMirror m : new SocketMirror[] {c.down, c.up}) {
            if (m == c.down || m.exists) {
                t.merge(MirrorTally.key(c.proxy, m.side, MirrorCounts.MIRROR, m.state.name()), 1L, Long::sum);
                if (m.kernel != null) {
                    t.merge(MirrorTally.key(c.proxy, m.side, MirrorCounts.KERNEL, m.kernel.label()), 1L, Long::sum);
                }
            }
        }
        return t;
    }
}
