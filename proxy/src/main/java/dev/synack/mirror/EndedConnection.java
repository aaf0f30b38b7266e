package dev.synack.mirror;

import dev.synack.mirror.model.LinuxTcpState;
import dev.synack.mirror.model.PossibleStates;
import dev.synack.mirror.model.TcpState;
import dev.synack.net.ProcNetTcp;
import dev.synack.net.SocketAddressText;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionSummary;
import dev.synack.observe.Direction;
import dev.synack.observe.MirrorCounts;
import dev.synack.observe.Peer;
import dev.synack.observe.Side;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An ended connection while it stays tracked (until the kernel forgets its sockets, then {@code keep_closed}
 * more, under {@code max_tracked}): a compact record of all that the queries, the sequence diagram and the
 * kernel poller need of it. It is this object and one long[] ({@link PackedSocket} twice, then
 * {@link PackedSteps}); objects beside them only for what rarely exists (a note, a divergence, a fault, an
 * address that is not IPv4), in {@code refs}. The strings it holds are shared (the proxy's name), and it
 * references nothing of the session.
 *
 * <p>Why so small: a busy proxy ends thousands of connections a second and tracks each for a minute or
 * more, so every one of them outlives several young collections, and the collector's work grows with what
 * survives, in bytes and in objects. Kept as the live mirrors were (about 40 objects, 2 KB), they made the
 * collector run two to three times as often.
 *
 * <p>A query reads the mirrors back ({@link #view}). A poll first tries each socket in place: a socket the
 * kernel still shows as it did (a TIME_WAIT, an orphaned FIN_WAIT_2, one already gone) while the mirror
 * agrees ({@link PackedSocket#STEADY}) changes only the reading's time, and a socket the scan did not look
 * for changes nothing. Any other reading rebuilds both mirrors and the timeline, runs the comparison a live
 * connection runs ({@link Reconciler}, {@link DurationRules}) and packs them back. Every method takes this
 * object's lock: the poller and the queries run on different threads.
 */
final class EndedConnection {
    private static final Side[] SIDES = Side.values();
    /** Where the steps begin in {@code data}, after the two sockets. */
    private static final int STEPS = 2 * PackedSocket.LONGS;
    // Slots of refs: four a socket, then the connection's.
    private static final int LOCAL_REF = 0;
    private static final int REMOTE_REF = 1;
    private static final int NOTE_REF = 2;
    private static final int DIVERGENCES_REF = 3;
    private static final int SOCKET_REFS = 4;
    private static final int CLIENT_REF = 2 * SOCKET_REFS;
    private static final int UPSTREAM_REF = CLIENT_REF + 1;
    private static final int FAULTS_REF = UPSTREAM_REF + 1;
    private static final int REFS = FAULTS_REF + Direction.values().length;

    final long id;
    final String proxy;
    private final long startNanos;
    private final long bytesToService;
    private final long bytesToClient;
    private final CloseReason reason;
    private final Peer closedFirst;
    private final long client;
    private final long upstream;
    /** The table that lists each socket ({@link ScanRequest#TCP}, ...), two bits a side. */
    private final int tables;
    private final long graceNanos;
    private final DivergenceSink sink;
    /** Shared sets ({@link PossibleCache}): a reference each, no object of this record's. */
    private PossibleStates downPossible;
    private PossibleStates upPossible;
    private long settledNanos = -1;
    private long[] data;
    private Object[] refs;

    /** The record of {@code c}, whose session ended with {@code s}. */
    EndedConnection(ConnectionMirror c, ConnectionSummary s) {
        id = c.id;
        proxy = c.proxy;
        startNanos = c.startNanos;
        bytesToService = s.bytesClientToService();
        bytesToClient = s.bytesServiceToClient();
        reason = s.reason();
        closedFirst = s.closedFirst();
        client = pack(c.client, CLIENT_REF);
        upstream = pack(s.upstream(), UPSTREAM_REF);
        tables = table(c.probe, c.down) | table(c.probe, c.up) << 2;
        graceNanos = c.options.divergenceGrace().toNanos();
        sink = c.sink;
        for (Direction d : Direction.values()) {
            keep(FAULTS_REF + d.ordinal(), c.fault(d));
        }
        pack(c.timeline, c.down, c.up);
    }

    /** On the poller's thread, before a scan: the /proc rows this connection's sockets still need. */
    synchronized void want(ScanRequest request) {
        for (Side side : SIDES) {
            int at = block(side);
            long flags = data[at + PackedSocket.FLAGS];
            long local = data[at + PackedSocket.LOCAL];
            long remote = data[at + PackedSocket.REMOTE];
            boolean needs = PackedSocket.has(flags, PackedSocket.FD_OPEN) || !settled(side);
            if (PackedSocket.has(flags, PackedSocket.EXISTS) && local != PackedAddress.NONE && remote != PackedAddress.NONE
                    && needs) {
                request.add(port(local, slot(side, LOCAL_REF)), port(remote, slot(side, REMOTE_REF)),
                        tables >>> 2 * side.ordinal() & ScanRequest.BOTH);
            }
        }
    }

    /** On the poller's thread: reads both sockets in {@code table} (null: no scan this time). */
    synchronized void sampleClosed(KernelTable table, long now) {
        // A socket read in place that turns out to need more is read again by the full sample, to the same effect.
        boolean downQuiet = sampleInPlace(Side.DOWNSTREAM, table, now);
        boolean upQuiet = sampleInPlace(Side.UPSTREAM, table, now);
        if (!downQuiet || !upQuiet) {
            sampleFully(table, now);
        }
        if (settledNanos < 0 && settled(Side.DOWNSTREAM) && settled(Side.UPSTREAM)) {
            settledNanos = now;
        }
    }

    /** Whether the kernel forgot both sockets more than {@code keepNanos} ago: time to forget the connection too. */
    synchronized boolean expired(long now, long keepNanos) {
        return settledNanos >= 0 && now - settledNanos >= keepNanos;
    }

    /** Adds this connection's sockets to a tally by {@link MirrorTally#key}: the mirror's state and the kernel's label. */
    synchronized void tally(Map<String, Long> into) {
        for (Side side : SIDES) {
            long flags = data[block(side) + PackedSocket.FLAGS];
            if (side == Side.DOWNSTREAM || PackedSocket.has(flags, PackedSocket.EXISTS)) {
                into.merge(MirrorTally.key(proxy, side, MirrorCounts.MIRROR, PackedSocket.state(flags).name()), 1L, Long::sum);
                String kernel = PackedSocket.kernelLabel(flags);
                if (kernel != null) {
                    into.merge(MirrorTally.key(proxy, side, MirrorCounts.KERNEL, kernel), 1L, Long::sum);
                }
            }
        }
    }

    /** An immutable copy of everything the queries show, taken at {@code now}. */
    synchronized ConnectionView view(long now) {
        Timeline t = PackedSteps.timeline(data, STEPS);
        SocketMirror down = socket(Side.DOWNSTREAM, t);
        SocketMirror up = socket(Side.UPSTREAM, t);
        return new ConnectionView(id, proxy, false, reason.key(), closedFirst, SocketAddressText.of(address(client, CLIENT_REF)),
                SocketAddressText.of(address(upstream, UPSTREAM_REF)), startNanos, now, bytesToService, bytesToClient,
                SocketView.of(down), up.exists ? SocketView.of(up) : null, t.copy());
    }

    /**
     * Reads one socket without rebuilding it, if that is all the full sample would do with it: true when done.
     * The full sample skips a socket that does not exist or, with its fd closed, when there is no scan; reads a
     * closed socket's row only if the scan is current for it (else it only checks the durations, which say
     * nothing of a socket the kernel no longer shows closing); and a reading that shows a steady socket as
     * before changes only the reading's time and the TIME_WAIT's expiry.
     */
    private boolean sampleInPlace(Side side, KernelTable table, long now) {
        int at = block(side);
        long flags = data[at + PackedSocket.FLAGS];
        if (!PackedSocket.has(flags, PackedSocket.EXISTS) || !PackedSocket.has(flags, PackedSocket.FD_OPEN) && table == null) {
            return true;
        }
        if (PackedSocket.has(flags, PackedSocket.FD_OPEN)) {
            return false;
        }
        flags |= PackedSocket.ROWS_WANTED; // as a reading without tcp_info leaves it
        data[at + PackedSocket.FLAGS] = flags;
        long packedLocal = data[at + PackedSocket.LOCAL];
        long packedRemote = data[at + PackedSocket.REMOTE];
        if (packedLocal == PackedAddress.NONE || packedRemote == PackedAddress.NONE
                || !table.mayCover(port(packedLocal, slot(side, LOCAL_REF)), port(packedRemote, slot(side, REMOTE_REF)))) {
            return PackedSocket.durationsQuiet(flags); // not current, and no address made to find that out
        }
        InetSocketAddress local = address(packedLocal, slot(side, LOCAL_REF));
        InetSocketAddress remote = address(packedRemote, slot(side, REMOTE_REF));
        if (!Reconciler.current(table, local, remote, data[at + PackedSocket.LAST_OBSERVED])) {
            return PackedSocket.durationsQuiet(flags);
        }
        if (!PackedSocket.has(flags, PackedSocket.STEADY)) {
            return false;
        }
        ProcNetTcp.Row row = table.find(local, remote).filter(x -> Reconciler.sameSocket(x, false)).orElse(null);
        TcpState shown = row == null ? null : LinuxTcpState.modelOf(row.state()).orElse(null);
        boolean asBefore = PackedSocket.has(flags, PackedSocket.KERNEL_GONE) ? shown == null
                : shown != null && shown == PackedSocket.kernelState(flags);
        if (!asBefore) {
            return false;
        }
        data[at + PackedSocket.KERNEL_NANOS] = now;
        if (shown == TcpState.TIME_WAIT && row.timerTicks() > 0) {
            data[at + PackedSocket.TIME_WAIT_EXPIRY] = now + row.timerExpiry().toNanos();
        }
        return true;
    }

    /** The sample a live connection's closed sockets get: both mirrors rebuilt, read, checked and packed back. */
    private void sampleFully(KernelTable table, long now) {
        Timeline t = PackedSteps.timeline(data, STEPS);
        SocketMirror down = socket(Side.DOWNSTREAM, t);
        SocketMirror up = socket(Side.UPSTREAM, t);
        sample(down, up, table, now);
        sample(up, down, table, now);
        pack(t, down, up);
    }

    private void sample(SocketMirror m, SocketMirror other, KernelTable table, long now) {
        if (m.exists && (m.fdOpen || table != null)) {
            Reconciler.read(m, null, table, now);
            DurationRules.check(m, other, now, graceNanos, (String) ref(FAULTS_REF + Direction.readOn(m.side).ordinal()));
        }
    }

    private boolean settled(Side side) {
        int at = block(side);
        long flags = data[at + PackedSocket.FLAGS];
        if (!PackedSocket.has(flags, PackedSocket.EXISTS) || PackedSocket.has(flags, PackedSocket.FD_OPEN)) {
            return !PackedSocket.has(flags, PackedSocket.EXISTS);
        }
        return PackedSocket.has(flags, PackedSocket.KERNEL_GONE)
                || data[at + PackedSocket.LOCAL] == PackedAddress.NONE && PackedSocket.state(flags) == TcpState.CLOSED;
    }

    /** Packs the mirrors and their timeline, in place when the length is unchanged (a poll's reading adds no step). */
    private void pack(Timeline t, SocketMirror down, SocketMirror up) {
        int length = STEPS + PackedSteps.longs(t, down.history, up.history);
        if (data == null || data.length != length) {
            data = new long[length];
        }
        pack(down);
        pack(up);
        PackedSteps.pack(t, down.history, up.history, data, STEPS);
    }

    private void pack(SocketMirror m) {
        int at = block(m.side);
        PackedSocket.pack(m, data, at);
        keep(slot(m.side, LOCAL_REF), data[at + PackedSocket.LOCAL] == PackedAddress.OTHER ? m.local : null);
        keep(slot(m.side, REMOTE_REF), data[at + PackedSocket.REMOTE] == PackedAddress.OTHER ? m.remote : null);
        keep(slot(m.side, NOTE_REF), m.note);
        keep(slot(m.side, DIVERGENCES_REF), m.divergences.isEmpty() ? null : m.divergences.toArray(Divergence[]::new));
        if (m.side == Side.DOWNSTREAM) {
            downPossible = m.possible;
        } else {
            upPossible = m.possible;
        }
    }

    /** The socket's mirror read back, on {@code t}. */
    private SocketMirror socket(Side side, Timeline t) {
        int at = block(side);
        SocketMirror m = new SocketMirror(side, t, PackedSteps.history(data, STEPS, side), id, proxy, sink);
        PackedSocket.unpack(data, at, m);
        m.possible = side == Side.DOWNSTREAM ? downPossible : upPossible;
        m.local = address(data[at + PackedSocket.LOCAL], slot(side, LOCAL_REF));
        m.remote = address(data[at + PackedSocket.REMOTE], slot(side, REMOTE_REF));
        m.note = (String) ref(slot(side, NOTE_REF));
        Divergence[] divergences = (Divergence[]) ref(slot(side, DIVERGENCES_REF));
        m.divergences = divergences == null ? List.of() : new ArrayList<>(Arrays.asList(divergences));
        return m;
    }

    private static int table(KernelProbe probe, SocketMirror m) {
        return m.local == null ? 0 : probe.tableOf(m.local);
    }

    private static int block(Side side) {
        return side.ordinal() * PackedSocket.LONGS;
    }

    /** The slot of refs that holds {@code what} of the socket on {@code side}. */
    private static int slot(Side side, int what) {
        return side.ordinal() * SOCKET_REFS + what;
    }

    private Object ref(int slot) {
        return refs == null ? null : refs[slot];
    }

    /** Keeps {@code o} in {@code slot} of refs, made at the first object to keep (most records have none). */
    private void keep(int slot, Object o) {
        if (o != null && refs == null) {
            refs = new Object[REFS];
        }
        if (refs != null) {
            refs[slot] = o;
        }
    }

    private long pack(InetSocketAddress a, int slot) {
        long packed = PackedAddress.of(a);
        keep(slot, packed == PackedAddress.OTHER ? a : null);
        return packed;
    }

    private InetSocketAddress address(long packed, int slot) {
        if (packed == PackedAddress.NONE) {
            return null;
        }
        return packed == PackedAddress.OTHER ? (InetSocketAddress) ref(slot) : PackedAddress.address(packed);
    }

    private int port(long packed, int slot) {
        return packed == PackedAddress.OTHER ? ((InetSocketAddress) ref(slot)).getPort() : PackedAddress.port(packed);
    }
}
