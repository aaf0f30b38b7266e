package dev.synack.doctor;

import dev.synack.config.HostPort;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/**
 * Resolves the upstream host names now, with the JVM's resolver and a short bound. synack resolves them
 * again on every connect attempt, so a name that does not resolve does not stop it from starting, but
 * every connection to that upstream fails until it does: a warning, not an error. Address literals need
 * no lookup and yield no finding.
 */
final class UpstreamNamesCheck implements Check {
    @Override
    public void check(Side side, List<DoctorFinding> out) {
        if (side.listener()) {
            return;
        }
        List<HostPort> upstreams = side.proxy().upstreams();
        List<String> names = upstreams.stream().map(HostPort::host).filter(h -> !Resolver.isLiteral(h)).toList();
        if (names.isEmpty()) {
            return;
        }
        Map<String, Resolver.Outcome> outcomes = Resolver.resolve(names, Resolver.BOUND);
        for (int i = 0; i < upstreams.size(); i++) {
            HostPort upstream = upstreams.get(i);
            Resolver.Outcome outcome = outcomes.get(upstream.host());
            if (outcome == null) {
                continue;
            }
            String path = side.proxyPath() + (upstreams.size() == 1 ? ".upstream" : ".upstreams[" + i + "]");
            out.add(outcome.resolved()
                    ? new DoctorFinding(path, upstream.toString(), DoctorStatus.OK, "resolves to "
                            + String.join(", ", outcome.addresses().stream().map(InetAddress::getHostAddress).toList())
                            + " now; synack resolves it again on every connect attempt", "")
                    : new DoctorFinding(path, upstream.toString(), DoctorStatus.WARNING, upstream.host()
                            + " does not resolve here (" + outcome.failure() + "): every connect to it fails until it does"
                            + (upstreams.size() > 1 ? " (synack then tries the next upstream)" : ""),
                            "check the name, and this machine's resolver (/etc/hosts, /etc/resolv.conf)"));
        }
    }
}
