package dev.synack.doctor;

import dev.synack.config.HostPort;
import dev.synack.config.SocketSpec;
import dev.synack.config.Units;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reports the options the chosen transport cannot apply at all (DESIGN.md §7): NIO reaches neither the
 * raw TCP options (window clamp, MSS, congestion control) nor TCP_USER_TIMEOUT, TCP_NOTSENT_LOWAT,
 * TCP_FASTOPEN or TCP_DEFER_ACCEPT, and on a dual-stack socket its IP_TOS sets only IPV6_TCLASS.
 * The other checks skip an option reported here, so each such option yields exactly one finding.
 */
final class TransportCheck implements Check {
    /** The options NIO cannot set, with how to read each from a spec (null = not asked for). */
    private static final Map<String, Function<SocketSpec, Object>> NIO_CANNOT = new LinkedHashMap<>();

    static {
        NIO_CANNOT.put("window_clamp", SocketSpec::windowClamp);
        NIO_CANNOT.put("max_segment", SocketSpec::maxSegment);
        NIO_CANNOT.put("congestion", SocketSpec::congestion);
        NIO_CANNOT.put("user_timeout", SocketSpec::userTimeout);
        NIO_CANNOT.put("notsent_lowat", SocketSpec::notsentLowat);
        // fast_open 0 means "off", which every transport can honour.
        NIO_CANNOT.put("fast_open", s -> s.fastOpen() != null && s.fastOpen() > 0 ? s.fastOpen() : null);
        NIO_CANNOT.put("defer_accept", SocketSpec::deferAccept);
    }

    static final String FIX_TRANSPORT = "set transport: epoll in the config";

    static final Set<String> NOT_ON_NIO = Set.copyOf(NIO_CANNOT.keySet());

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        if (side.transport().isNative()) {
            return;
        }
        String name = side.transport().configName();
        NIO_CANNOT.forEach((option, getter) -> {
            Object value = getter.apply(side.spec());
            if (value != null) {
                out.add(side.wontApply(option, show(value), "transport " + name + " cannot set " + option
                        + "; use epoll or io_uring", FIX_TRANSPORT));
            }
        });
        if (side.spec().tos() != null && reachesIpv4(side)) {
            out.add(side.wontApply("tos", side.spec().tos().toString(), "transport " + name
                    + " sets only IPV6_TCLASS on a dual-stack socket: IPv4 packets leave with tos 0; use epoll or io_uring",
                    FIX_TRANSPORT));
        }
    }

    /** Whether NIO's IP_TOS falls short on this side: true unless every address is an IPv6 literal. */
    static boolean tosFailsOnNio(Side side) {
        return !side.transport().isNative() && reachesIpv4(side);
    }

    private static boolean reachesIpv4(Side side) {
        List<HostPort> peers = side.listener() ? List.of(side.proxy().listen()) : side.proxy().upstreams();
        return peers.isEmpty() || peers.stream().anyMatch(hp -> hp == null || hp.host().indexOf(':') < 0);
    }

    private static String show(Object value) {
        return value instanceof Duration d ? Units.formatDuration(d) : value.toString();
    }
}
