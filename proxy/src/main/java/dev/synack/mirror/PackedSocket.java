package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import java.util.Arrays;

/**
 * One socket's mirror as {@value #LONGS} longs of an ended connection's record: its flags and states, its
 * times, its addresses ({@link PackedAddress}), its latest tcp_info ({@link TcpInfoDigest}) and the options
 * of its first. What does not fit in longs (a note, divergences, an address that does not pack) the record
 * keeps beside them; {@link EndedConnection} handles those and the set of possible states. The latest kernel
 * reading is kept without its /proc row: the next poll reads a fresh one before anything looks at it.
 */
final class PackedSocket {
    static final int FLAGS = 0;
    /** The bit sets: states the kernel showed, kinds of divergence, states entered. */
    static final int SETS = 1;
    static final int CONNECT_START = 2;
    static final int HANDSHAKE = 3;
    static final int FIN_SENT = 4;
    static final int FIN_READ = 5;
    static final int TIME_WAIT_SINCE = 6;
    static final int LAST_OBSERVED = 7;
    static final int AHEAD_SINCE = 8;
    static final int TIME_WAIT_EXPIRY = 9;
    static final int KERNEL_NANOS = 10;
    static final int LOCAL = 11;
    static final int REMOTE = 12;
    static final int INFO = 13;
    static final int LONGS = INFO + TcpInfoDigest.LONGS;

    // FLAGS: one bit each, then 4-bit ordinals and the first tcp_info's options
    static final long EXISTS = 1;
    static final long FD_OPEN = 1 << 1;
    static final long READ_PAST_HANDSHAKE = 1 << 2;
    static final long ROWS_WANTED = 1 << 3;
    static final long HAS_KERNEL = 1 << 4;
    static final long KERNEL_GONE = 1 << 5;
    static final long KERNEL_FROM_TCP_INFO = 1 << 6;
    static final long HAS_INFO = 1 << 7;
    static final long HAS_FIRST_INFO = 1 << 8;
    /** A reading of the kernel as the last one would change nothing but its time ({@link #steady}). */
    static final long STEADY = 1 << 9;
    private static final int STATE_SHIFT = 16;
    private static final int OBSERVED_SHIFT = 20;
    private static final int KERNEL_STATE_SHIFT = 24;
    private static final int VERDICT_SHIFT = 28;
    private static final int FIRST_OPTIONS_SHIFT = 32;

    private static final TcpState[] STATES = TcpState.values();
    private static final Verdict[] VERDICTS = Verdict.values();

    static {
        if (STATES.length > 16 || VERDICTS.length > 16 || DivergenceKind.values().length > 16) {
            throw new ExceptionInInitializerError("PackedSocket's fields are too narrow for the enums");
        }
    }

    private PackedSocket() {}

    /** Writes {@code m}'s primitives at {@code into[at]}, and {@link #STEADY} if it is {@link #steady}. */
    static void pack(SocketMirror m, long[] into, int at) {
        KernelReading k = m.kernel;
        boolean steady = steady(m);
        long flags = (m.exists ? EXISTS : 0) | (m.fdOpen ? FD_OPEN : 0) | (m.readPastHandshake ? READ_PAST_HANDSHAKE : 0)
                | (m.rowsWanted ? ROWS_WANTED : 0) | (steady ? STEADY : 0)
                | (long) m.state.ordinal() << STATE_SHIFT | (long) m.observed.ordinal() << OBSERVED_SHIFT
                | (long) m.verdict.ordinal() << VERDICT_SHIFT;
        if (k != null) {
            flags |= HAS_KERNEL | (k.gone() ? KERNEL_GONE : 0) | (k.fromTcpInfo() ? KERNEL_FROM_TCP_INFO : 0)
                    | (long) k.state().ordinal() << KERNEL_STATE_SHIFT;
            into[at + KERNEL_NANOS] = k.nanos();
        } else {
            into[at + KERNEL_NANOS] = 0;
        }
        if (m.firstInfo != null) {
            flags |= HAS_FIRST_INFO | (m.firstInfo.options() & 0xffL) << FIRST_OPTIONS_SHIFT;
        }
        if (m.lastInfo != null) {
            flags |= HAS_INFO;
            TcpInfoDigest.pack(m.lastInfo, into, at + INFO);
        } else {
            Arrays.fill(into, at + INFO, at + LONGS, 0);
        }
        into[at + FLAGS] = flags;
        into[at + SETS] = (m.kernelShownBits() & 0xffffL) | (m.divergenceKindBits() & 0xffffL) << 16
                | (m.enteredBits() & 0xffffL) << 32;
        into[at + CONNECT_START] = m.connectStartNanos;
        into[at + HANDSHAKE] = m.handshakeNanos;
        into[at + FIN_SENT] = m.finSentNanos;
        into[at + FIN_READ] = m.finReadNanos;
        into[at + TIME_WAIT_SINCE] = m.timeWaitSince;
        into[at + LAST_OBSERVED] = m.lastObservedNanos;
        into[at + AHEAD_SINCE] = m.aheadSince;
        into[at + TIME_WAIT_EXPIRY] = m.timeWaitExpiry;
        into[at + LOCAL] = PackedAddress.of(m.local);
        into[at + REMOTE] = PackedAddress.of(m.remote);
    }

    /** Sets {@code m}'s primitives, its kernel reading and its tcp_info from {@code from[at]} (not its addresses). */
    static void unpack(long[] from, int at, SocketMirror m) {
        long flags = from[at + FLAGS];
        m.exists = has(flags, EXISTS);
        m.fdOpen = has(flags, FD_OPEN);
        m.readPastHandshake = has(flags, READ_PAST_HANDSHAKE);
        m.rowsWanted = has(flags, ROWS_WANTED);
        m.state = state(flags);
        m.observed = STATES[(int) (flags >>> OBSERVED_SHIFT & 0xf)];
        m.verdict = VERDICTS[(int) (flags >>> VERDICT_SHIFT & 0xf)];
        m.kernel = has(flags, HAS_KERNEL) ? new KernelReading(from[at + KERNEL_NANOS], kernelState(flags),
                has(flags, KERNEL_GONE), has(flags, KERNEL_FROM_TCP_INFO), null) : null;
        m.lastInfo = has(flags, HAS_INFO) ? TcpInfoDigest.unpack(from, at + INFO) : null;
        m.firstInfo = has(flags, HAS_FIRST_INFO) ? TcpInfoDigest.ofOptions((int) (flags >>> FIRST_OPTIONS_SHIFT & 0xff)) : null;
        long sets = from[at + SETS];
        m.restoreBits((int) (sets & 0xffff), (int) (sets >>> 16 & 0xffff), (int) (sets >>> 32 & 0xffff));
        m.connectStartNanos = from[at + CONNECT_START];
        m.handshakeNanos = from[at + HANDSHAKE];
        m.finSentNanos = from[at + FIN_SENT];
        m.finReadNanos = from[at + FIN_READ];
        m.timeWaitSince = from[at + TIME_WAIT_SINCE];
        m.lastObservedNanos = from[at + LAST_OBSERVED];
        m.aheadSince = from[at + AHEAD_SINCE];
        m.timeWaitExpiry = from[at + TIME_WAIT_EXPIRY];
    }

    /**
     * Whether a reading of the kernel that shows this socket as the last one did would change nothing of it but
     * the reading's time (and a TIME_WAIT's expiry): its fd is closed, the kernel is where the mirror is and
     * stays there on its own for a while (TIME_WAIT, an orphaned FIN_WAIT_2) or has forgotten the socket, the
     * verdict is what agreement leaves, no step of it waits for a confirmation, and its latest step in the
     * state shows the kernel already.
     */
    static boolean steady(SocketMirror m) {
        KernelReading k = m.kernel;
        if (m.fdOpen || k == null || k.fromTcpInfo() || m.aheadSince != -1
                || m.verdict != (m.noDivergence() ? Verdict.AGREE : Verdict.DIVERGED)) {
            return false;
        }
        boolean lasting = k.gone() ? m.state == TcpState.CLOSED
                : k.state() == m.state && (m.state == TcpState.TIME_WAIT || m.state == TcpState.FIN_WAIT_2);
        return lasting && !m.timeline.anyInferred(m.side) && m.timeline.kernelShownOnLatest(m.side, m.state);
    }

    /** Whether {@link DurationRules} can say nothing of a closed socket: its latest reading shows no FIN held. */
    static boolean durationsQuiet(long flags) {
        if (!has(flags, HAS_KERNEL) || has(flags, KERNEL_GONE)) {
            return true;
        }
        return switch (kernelState(flags)) {
            case FIN_WAIT_1, CLOSING, LAST_ACK, CLOSE_WAIT -> false;
            default -> true;
        };
    }

    static boolean has(long flags, long bit) {
        return (flags & bit) != 0;
    }

    /** The mirror's state. */
    static TcpState state(long flags) {
        return STATES[(int) (flags >>> STATE_SHIFT & 0xf)];
    }

    /** The state of the latest kernel reading (CLOSED when it is gone); meaningful with {@link #HAS_KERNEL}. */
    static TcpState kernelState(long flags) {
        return STATES[(int) (flags >>> KERNEL_STATE_SHIFT & 0xf)];
    }

    /** The latest kernel reading's label, as {@link KernelReading#label()} spells it; null if none. */
    static String kernelLabel(long flags) {
        return !has(flags, HAS_KERNEL) ? null : has(flags, KERNEL_GONE) ? "GONE" : kernelState(flags).name();
    }
}
