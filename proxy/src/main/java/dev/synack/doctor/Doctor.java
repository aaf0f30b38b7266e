package dev.synack.doctor;

import dev.synack.config.ProxySpec;
import dev.synack.config.SynackConfig;
import dev.synack.net.Sysctls;
import dev.synack.net.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the sysctls that decide whether a config can work and says, option by option, what will take
 * effect, what will not, why, and the command that fixes it; and whether the config can start here at
 * all (its listen addresses free, its upstream names resolvable, enough file descriptors).
 *
 * <p>The checks run in the order of {@link #CHECKS} on each side of each proxy, after the general kernel
 * facts; the open-file limit, which all proxies share, comes last. A sysctl that cannot be read yields an
 * INFO finding, never an exception.
 */
public final class Doctor {
    /** Every per-side check; adding one is a class and a line here. */
    private static final List<Check> CHECKS = List.of(
            new ListenAddressCheck(),
            new UpstreamNamesCheck(),
            new TransportCheck(),
            new FastOpenCheck(),
            new BufferCheck(),
            new WindowCheck(),
            new ListenerCheck(),
            new KeepaliveCheck(),
            new CongestionCheck(),
            new BasicOptionsCheck(),
            new PortsCheck());

    private Doctor() {}

    /** Examines the config as this process would run it (with or without CAP_NET_ADMIN, as it now holds). */
    public static DoctorReport examine(SynackConfig config, Transport transport, Sysctls sysctls) {
        return examine(config, transport, sysctls, Privilege.hasNetAdmin());
    }

    /**
     * Examines the config for a process that does or does not hold CAP_NET_ADMIN (root), which decides,
     * for one, which congestion controls it may choose.
     */
    public static DoctorReport examine(SynackConfig config, Transport transport, Sysctls sysctls, boolean netAdmin) {
        return examine(config, transport, sysctls, netAdmin, Jvm.forSysctls(sysctls));
    }

    static DoctorReport examine(SynackConfig config, Transport transport, Sysctls sysctls, boolean netAdmin, Jvm jvm) {
        return examine(config, transport, sysctls, netAdmin, jvm, FileLimit.forSysctls(sysctls));
    }

    /** As above, for a process whose open-file limit is {@code openFiles} (empty: not known). */
    static DoctorReport examine(SynackConfig config, Transport transport, Sysctls sysctls, boolean netAdmin, Jvm jvm,
            Optional<FileLimit> openFiles) {
        List<DoctorFinding> findings = new ArrayList<>();
        KernelFacts.report(sysctls, findings);
        List<String> names = new ArrayList<>();
        List<ProxySpec> proxies = config.proxies();
        for (int i = 0; i < proxies.size(); i++) {
            names.add(proxies.get(i).name());
            for (Side side : Side.of(i, proxies.get(i), transport, sysctls, netAdmin, jvm)) {
                for (Check check : CHECKS) {
                    check.check(side, findings);
                }
            }
        }
        findings.add(OpenFilesCheck.check(proxies, openFiles));
        String context = "synack doctor: transport " + transport.configName() + ", sysctls from " + sysctls.root()
                + ", " + (netAdmin ? "with" : "without") + " CAP_NET_ADMIN";
        return new DoctorReport(context, findings, names);
    }
}
