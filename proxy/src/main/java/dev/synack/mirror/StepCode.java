package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.Side;

/**
 * Packs everything of a {@link TimelineEntry} but its time into one int, for {@link Timeline}'s arrays:
 * bit 0 the socket, bits 1–7 the step, bits 8–11 the mirror's state, bits 12–15 the kernel's label (0 none,
 * 1 + a state's ordinal, or {@link #GONE}), bit 16 whether the step is inferred.
 */
final class StepCode {
    /** No kernel reading on the step. */
    static final int NO_KERNEL = 0;
    /** The kernel's label {@code GONE}: /proc no longer lists the socket. */
    static final int GONE = 15;

    private static final Side[] SIDES = Side.values();
    private static final StepKind[] KINDS = StepKind.values();
    private static final TcpState[] STATES = TcpState.values();
    private static final int INFERRED = 1 << 16;

    static {
        // The fields' widths: a new step kind or state beyond them must widen the packing, not corrupt it.
        if (SIDES.length > 2 || KINDS.length > 128 || STATES.length >= GONE) {
            throw new ExceptionInInitializerError("StepCode's fields are too narrow for the enums");
        }
    }

    private StepCode() {}

    static int of(Side socket, StepKind event, TcpState mirrorState, int kernel, boolean inferred) {
        return socket.ordinal() | event.ordinal() << 1 | mirrorState.ordinal() << 8 | kernel << 12 | (inferred ? INFERRED : 0);
    }

    static Side socket(int code) {
        return SIDES[code & 1];
    }

    static StepKind event(int code) {
        return KINDS[code >>> 1 & 0x7f];
    }

    static TcpState mirrorState(int code) {
        return STATES[code >>> 8 & 0xf];
    }

    /** The kernel's label as a code: {@link #NO_KERNEL}, 1 + a state's ordinal, or {@link #GONE}. */
    static int kernel(int code) {
        return code >>> 12 & 0xf;
    }

    static boolean inferred(int code) {
        return (code & INFERRED) != 0;
    }

    static int withKernel(int code, int kernel) {
        return code & ~(0xf << 12) | kernel << 12;
    }

    static int confirmed(int code) {
        return code & ~INFERRED;
    }

    /** The code of what a reading's {@link KernelReading#label()} says. */
    static int kernelOf(KernelReading r) {
        return r.gone() ? GONE : 1 + r.state().ordinal();
    }

    /** The label a kernel code stands for, as {@link KernelReading#label()} spells it; null for none. */
    static String kernelLabel(int kernel) {
        if (kernel == NO_KERNEL) {
            return null;
        }
        return kernel == GONE ? "GONE" : STATES[kernel - 1].name();
    }

    static TimelineEntry entry(long nanos, int code) {
        return new TimelineEntry(nanos, socket(code), event(code), mirrorState(code), kernelLabel(kernel(code)), inferred(code));
    }
}
