package dev.synack.doctor;

import dev.synack.config.Units;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks SO_RCVBUF and SO_SNDBUF: the kernel caps a request at {@code net.core.rmem_max} /
 * {@code net.core.wmem_max} and then doubles it (half is bookkeeping), and a fixed buffer switches off
 * the kernel's autotuning, so {@code net.ipv4.tcp_rmem} / {@code tcp_wmem}'s maximum no longer applies.
 */
final class BufferCheck implements Check {
    /** The kernel's floor for a socket buffer (SOCK_MIN_RCVBUF on x86-64, measured here: 1000 reads back 2304). */
    static final long MIN_BUFFER = 2304;

    private record Buffer(String option, String maxSysctl, String autoSysctl, String autotuning) {}

    private static final List<Buffer> BUFFERS = List.of(
            new Buffer("rcvbuf", "net.core.rmem_max", "net.ipv4.tcp_rmem", "receive autotuning"),
            new Buffer("sndbuf", "net.core.wmem_max", "net.ipv4.tcp_wmem", "send autotuning"));

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        for (Buffer b : BUFFERS) {
            Integer requested = b.option().equals("rcvbuf") ? side.spec().rcvbuf() : side.spec().sndbuf();
            if (requested == null) {
                out.add(unset(side, b));
            } else {
                out.add(fixed(side, b, requested));
            }
        }
    }

    private static DoctorFinding unset(Side side, Buffer b) {
        Optional<long[]> auto = side.sysctls().readLongs(b.autoSysctl());
        if (auto.isEmpty() || auto.get().length != 3) {
            return side.info(b.option(), "unset", Format.notReadable(side.sysctls(), b.autoSysctl()));
        }
        long[] v = auto.get();
        return side.info(b.option(), "unset", "not set: " + b.autotuning() + " sizes it between "
                + Units.formatSize(v[0]) + " and " + Units.formatSize(v[2]) + ", starting at " + Units.formatSize(v[1])
                + " (" + b.autoSysctl() + ")");
    }

    private static DoctorFinding fixed(Side side, Buffer b, long requested) {
        String shown = Units.formatSize(requested);
        OptionalLong max = side.sysctls().readLong(b.maxSysctl());
        if (max.isEmpty()) {
            return side.unreadable(b.option(), shown, b.maxSysctl());
        }
        String autotuningLost = "; a fixed buffer disables " + b.autotuning() + autoMax(side, b);
        long capped = Math.min(requested, max.getAsLong());
        long effective = Math.max(2 * capped, MIN_BUFFER);
        if (requested > max.getAsLong()) {
            return side.adjusted(b.option(), shown, "capped at " + b.maxSysctl() + "=" + max.getAsLong()
                    + ", then doubled: effective " + Units.formatSize(effective) + autotuningLost,
                    Format.sysctlW(b.maxSysctl(), requested));
        }
        String doubled = 2 * capped < MIN_BUFFER
                ? "raised to the kernel's minimum: effective " + effective
                : "kernel doubles it (half is bookkeeping): effective " + Units.formatSize(effective);
        return side.adjusted(b.option(), shown, doubled + autotuningLost, "");
    }

    private static String autoMax(Side side, Buffer b) {
        Optional<long[]> auto = side.sysctls().readLongs(b.autoSysctl());
        if (auto.isEmpty() || auto.get().length != 3) {
            return "";
        }
        return " (" + b.autoSysctl() + "'s max " + Units.formatSize(auto.get()[2]) + " no longer applies)";
    }
}
