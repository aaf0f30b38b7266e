package dev.synack.doctor;

import dev.synack.config.SocketOption;
import dev.synack.config.Units;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks what bounds the receive window and the segment size: TCP_WINDOW_CLAMP, TCP_MAXSEG, and
 * {@code net.ipv4.tcp_window_scaling}, without which no window can exceed 64 KiB whatever the buffer.
 */
final class WindowCheck implements Check {
    static final String SCALING = "net.ipv4.tcp_window_scaling";
    /** The largest window a 16-bit header field can carry without the window-scale option. */
    static final long UNSCALED_MAX = 65_535;
    /** The kernel raises smaller clamps to SOCK_MIN_RCVBUF / 2 (measured here: 100 reads back 1152). */
    static final long MIN_CLAMP = BufferCheck.MIN_BUFFER / 2;
    /** TCP_MIN_MSS and MAX_TCP_WINDOW: the kernel refuses TCP_MAXSEG outside them with EINVAL. */
    static final int MIN_MSS = 88;
    static final int MAX_MSS = 32_767;

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        OptionalLong scaling = side.sysctls().readLong(SCALING);
        boolean unscaled = scaling.isPresent() && scaling.getAsLong() == 0;
        Integer clamp = side.spec().windowClamp();
        if (clamp != null && side.canApply(SocketOption.WINDOW_CLAMP)) {
            out.add(clamp(side, clamp, unscaled));
        }
        Integer rcvbuf = side.spec().rcvbuf();
        if (rcvbuf != null && unscaled && 2L * rcvbuf > UNSCALED_MAX) {
            out.add(side.adjusted("rcvbuf", Units.formatSize(rcvbuf), SCALING + "=0: the advertised window is capped"
                    + " at 64 KiB, so a buffer beyond that does not widen it", Format.sysctlW(SCALING, 1)));
        }
        Integer mss = side.spec().maxSegment();
        if (mss != null && side.canApply(SocketOption.MAX_SEGMENT)) {
            out.add(maxSegment(side, mss));
        }
    }

    private static DoctorFinding clamp(Side side, long clamp, boolean unscaled) {
        String shown = Units.formatSize(clamp);
        if (unscaled && clamp > UNSCALED_MAX) {
            return side.adjusted("window_clamp", shown, SCALING + "=0: the window cannot exceed 64 KiB, so the clamp"
                    + " is effectively " + UNSCALED_MAX, Format.sysctlW(SCALING, 1));
        }
        if (clamp < MIN_CLAMP) {
            return side.adjusted("window_clamp", shown, "raised to the kernel's minimum clamp: effective " + MIN_CLAMP, "");
        }
        return side.ok("window_clamp", shown, "the advertised receive window stays at or below " + shown);
    }

    private static DoctorFinding maxSegment(Side side, int mss) {
        String shown = Integer.toString(mss);
        if (mss < MIN_MSS || mss > MAX_MSS) {
            return side.wontApply("max_segment", shown, "the kernel refuses TCP_MAXSEG outside " + MIN_MSS + ".."
                    + MAX_MSS + " (EINVAL)", "set max_segment between " + MIN_MSS + " and " + MAX_MSS);
        }
        return side.ok("max_segment", shown, "an upper bound set before " + (side.listener() ? "listen" : "connect")
                + ": the peer's MSS option and the path MTU can lower it further");
    }
}
