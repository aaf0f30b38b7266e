package dev.synack.doctor;

import dev.synack.config.SocketOption;
import dev.synack.config.TransportKind;
import dev.synack.config.Units;
import java.time.Duration;
import java.util.List;

/**
 * Reports the options the chosen transport cannot apply at all, as the {@link SocketOption} table says
 * (DESIGN.md §7): NIO reaches neither the raw TCP options (window clamp, MSS, congestion control) nor
 * TCP_USER_TIMEOUT, TCP_NOTSENT_LOWAT, TCP_FASTOPEN or TCP_DEFER_ACCEPT, and on a dual-stack socket its
 * IP_TOS sets only IPV6_TCLASS. A request for the kernel's default ({@code fast_open: false},
 * {@code user_timeout: 0}, ...) needs no setsockopt, so every transport honours it. The other checks skip
 * an option reported here, so each such option yields exactly one finding.
 */
final class TransportCheck implements Check {
    @Override
    public void check(Side side, List<DoctorFinding> out) {
        TransportKind t = side.transport().kind();
        for (SocketOption o : SocketOption.values()) {
            Object value = o.requested(side.spec());
            if (value == null || o.readOnly() || o.stage(side.listener()) == null || o.honours(t, value)) {
                continue;
            }
            String shown = value instanceof Duration d ? Units.formatDuration(d) : value.toString();
            out.add(side.wontApply(o.configName(), shown, why(o, t), fix(o)));
        }
    }

    private static String why(SocketOption o, TransportKind t) {
        String use = "use " + String.join(" or ", o.transports().stream().map(TransportKind::configName).toList());
        if (o == SocketOption.TOS) {
            return "transport " + t.configName() + " sets only IPV6_TCLASS on a dual-stack socket: IPv4 packets leave with"
                    + " tos 0; " + use;
        }
        return "transport " + t.configName() + " cannot set " + o.configName() + "; " + use;
    }

    private static String fix(SocketOption o) {
        return "set transport: " + o.transports().iterator().next().configName() + " in the config";
    }
}
