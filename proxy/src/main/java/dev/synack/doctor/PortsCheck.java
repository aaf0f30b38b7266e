package dev.synack.doctor;

import dev.synack.config.LimitsSpec;
import java.util.List;
import java.util.Optional;

/**
 * Compares a proxy's {@code max_connections} with the ephemeral ports in {@code net.ipv4.ip_local_port_range}:
 * every session holds one upstream socket, and Linux can reuse a local port only towards a different
 * destination, so connections to one upstream address cannot outnumber the ports.
 */
final class PortsCheck implements Check {
    static final String RANGE = "net.ipv4.ip_local_port_range";

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        if (side.listener()) {
            return;
        }
        LimitsSpec limits = side.proxy().limits() != null ? side.proxy().limits() : LimitsSpec.DEFAULT;
        int max = limits.maxConnections();
        String path = side.proxyPath() + ".limits.max_connections";
        String shown = max == 0 ? "0 (unlimited)" : Integer.toString(max);
        Optional<long[]> range = side.sysctls().readLongs(RANGE);
        if (range.isEmpty() || range.get().length != 2) {
            out.add(new DoctorFinding(path, shown, DoctorStatus.INFO,
                    Format.notReadable(side.sysctls(), RANGE) + "; cannot tell how many upstream connections fit", ""));
            return;
        }
        long low = range.get()[0];
        long high = range.get()[1];
        long ports = Math.max(0, high - low + 1);
        String span = ports + " ephemeral ports (" + RANGE + "=" + low + " " + high + ")";
        if (max == 0 || max > ports) {
            out.add(new DoctorFinding(path, shown, DoctorStatus.ADJUSTED, "connections to one upstream address are capped"
                    + " by " + span + "; beyond that connect fails (EADDRNOTAVAIL), and each closed connection keeps its"
                    + " port for 60s in TIME_WAIT", Format.sysctlWQuoted(RANGE, "1024 65535")));
        } else {
            out.add(new DoctorFinding(path, shown, DoctorStatus.OK, span + " leave room for " + max
                    + " upstream connections, plus those still in TIME_WAIT", ""));
        }
    }
}
