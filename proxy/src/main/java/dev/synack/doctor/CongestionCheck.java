package dev.synack.doctor;

import dev.synack.config.SocketOption;
import java.util.List;

/**
 * Checks TCP_CONGESTION: the algorithm must be loaded ({@code net.ipv4.tcp_available_congestion_control}),
 * and a process without CAP_NET_ADMIN may choose only the allowed ones
 * ({@code net.ipv4.tcp_allowed_congestion_control}); otherwise setsockopt fails.
 */
final class CongestionCheck implements Check {
    static final String AVAILABLE = "net.ipv4.tcp_available_congestion_control";
    static final String ALLOWED = "net.ipv4.tcp_allowed_congestion_control";
    static final String DEFAULT = "net.ipv4.tcp_congestion_control";

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        String algo = side.spec().congestion();
        if (algo == null) {
            out.add(side.sysctls().read(DEFAULT)
                    .map(d -> side.info("congestion", "unset", "not set: the kernel default " + DEFAULT + "=" + d + " applies"))
                    .orElseGet(() -> side.info("congestion", "unset", Format.notReadable(side.sysctls(), DEFAULT))));
            return;
        }
        if (!side.canApply(SocketOption.CONGESTION)) {
            return;
        }
        List<String> available = side.sysctls().readWords(AVAILABLE);
        if (available.isEmpty()) {
            out.add(side.unreadable("congestion", algo, AVAILABLE));
            return;
        }
        if (!available.contains(algo)) {
            out.add(side.wontApply("congestion", algo, algo + " is not loaded (" + AVAILABLE + ": "
                    + String.join(" ", available) + "), so setsockopt fails (ENOENT)"
                    + (side.netAdmin() ? " unless the kernel can load module tcp_" + algo + " on demand" : ""),
                    "modprobe tcp_" + algo));
            return;
        }
        if (side.netAdmin()) {
            out.add(side.ok("congestion", algo, algo + " is loaded; this process has CAP_NET_ADMIN, so it may use any loaded algorithm"));
            return;
        }
        List<String> allowed = side.sysctls().readWords(ALLOWED);
        if (allowed.isEmpty()) {
            out.add(side.unreadable("congestion", algo, ALLOWED));
        } else if (!allowed.contains(algo)) {
            out.add(side.wontApply("congestion", algo, algo + " is loaded but not allowed for a process without"
                    + " CAP_NET_ADMIN (" + ALLOWED + ": " + String.join(" ", allowed) + "), so setsockopt fails (EPERM)",
                    Format.sysctlWQuoted(ALLOWED, String.join(" ", allowed) + " " + algo)));
        } else {
            out.add(side.ok("congestion", algo, algo + " is loaded and allowed for unprivileged processes"));
        }
    }
}
