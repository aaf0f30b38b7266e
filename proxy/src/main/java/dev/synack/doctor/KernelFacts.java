package dev.synack.doctor;

import dev.synack.config.Units;
import dev.synack.net.Sysctls;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The general kernel facts the doctor always reports, one table row per sysctl: what its current value
 * means for a proxy, and for a value that hurts, the command that restores the usual one.
 */
final class KernelFacts {
    /** One sysctl: how to read its value, and the fix for a value worth changing (null = none). */
    private record Fact(String sysctl, LongFunction<String> meaning, LongFunction<String> fix) {}

    private static final List<Fact> FACTS = List.of(
            new Fact(FastOpenCheck.SYSCTL, KernelFacts::fastOpen, null),
            new Fact("net.ipv4.tcp_sack", v -> v == 0
                    ? "selective ACKs off: after a loss everything from the lost segment on is resent"
                    : "selective ACKs on: only lost segments are resent",
                    v -> v == 0 ? Format.sysctlW("net.ipv4.tcp_sack", 1) : null),
            new Fact("net.ipv4.tcp_timestamps", v -> v == 0
                    ? "timestamps off: coarser RTT estimates, no PAWS, and tcp_tw_reuse cannot work"
                    : v == 2 ? "timestamps on, without per-connection random offsets"
                    : "timestamps on, with per-connection random offsets",
                    v -> v == 0 ? Format.sysctlW("net.ipv4.tcp_timestamps", 1) : null),
            new Fact(WindowCheck.SCALING, v -> v == 0
                    ? "window scaling off: no receive window exceeds 64 KiB, whatever the buffers"
                    : "window scaling on: windows may grow past 64 KiB",
                    v -> v == 0 ? Format.sysctlW(WindowCheck.SCALING, 1) : null),
            new Fact("net.ipv4.tcp_fin_timeout", v -> "an orphaned socket waits "
                    + Units.formatDuration(Duration.ofSeconds(v), ChronoUnit.SECONDS) + " in FIN_WAIT_2 for the peer's FIN (TIME_WAIT itself always lasts 60s)", null),
            new Fact("net.ipv4.tcp_tw_reuse", v -> v == 0
                    ? "off: an outgoing connection never reuses a port still in TIME_WAIT"
                    : v == 1 ? "on: outgoing connections may reuse ports in TIME_WAIT (needs timestamps)"
                    : "loopback only: outgoing connections reuse TIME_WAIT ports only towards 127.0.0.0/8 and ::1",
                    null),
            new Fact(ListenerCheck.SYNCOOKIES, KernelFacts::syncookies, null));

    private KernelFacts() {}

    static void report(Sysctls sysctls, List<DoctorFinding> out) {
        for (Fact fact : FACTS) {
            String path = DoctorFinding.KERNEL + "." + fact.sysctl();
            var value = sysctls.readLong(fact.sysctl());
            if (value.isEmpty()) {
                out.add(new DoctorFinding(path, "?", DoctorStatus.INFO, Format.notReadable(sysctls, fact.sysctl()), ""));
                continue;
            }
            long v = value.getAsLong();
            String fix = fact.fix() == null ? null : fact.fix().apply(v);
            out.add(new DoctorFinding(path, Long.toString(v), DoctorStatus.INFO, fact.meaning().apply(v), fix));
        }
        out.add(portRange(sysctls));
    }

    private static DoctorFinding portRange(Sysctls sysctls) {
        String path = DoctorFinding.KERNEL + "." + PortsCheck.RANGE;
        Optional<long[]> range = sysctls.readLongs(PortsCheck.RANGE);
        if (range.isEmpty() || range.get().length != 2) {
            return new DoctorFinding(path, "?", DoctorStatus.INFO, Format.notReadable(sysctls, PortsCheck.RANGE), "");
        }
        long ports = Math.max(0, range.get()[1] - range.get()[0] + 1);
        return new DoctorFinding(path, range.get()[0] + " " + range.get()[1], DoctorStatus.INFO,
                ports + " ephemeral ports for synack's connections to each upstream address", "");
    }

    static String fastOpen(long v) {
        boolean client = (v & 1) != 0;
        boolean server = (v & 2) != 0;
        return client && server ? "TCP Fast Open for clients and listeners"
                : client ? "TCP Fast Open for clients only: listeners ignore fast_open"
                : server ? "TCP Fast Open for listeners only: connections to services send no data in the SYN"
                : "TCP Fast Open off";
    }

    static String syncookies(long v) {
        return v == 0 ? "syncookies off: when the SYN queue is full new SYNs are dropped"
                : v == 1 ? "syncookies sent only when the SYN queue overflows"
                : "syncookies sent for every SYN";
    }
}
