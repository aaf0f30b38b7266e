package dev.synack.cli;

import dev.synack.config.FaultSpec;
import dev.synack.config.SynackConfig;
import dev.synack.fault.FaultRegistry;
import dev.synack.fault.FaultType;
import dev.synack.fault.MachineRequirement;
import dev.synack.doctor.DoctorFinding;
import dev.synack.doctor.DoctorStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The doctor's findings about a config's faults: for each fault whose type needs more than a JVM
 * (privileges, a native transport, a tool), whether this machine can run it and, if not, what it lacks.
 */
final class FaultFindings {
    private FaultFindings() {}

    static List<DoctorFinding> of(SynackConfig config, boolean nativeTransport) {
        List<DoctorFinding> findings = new ArrayList<>();
        for (int i = 0; i < config.proxies().size(); i++) {
            List<FaultSpec> faults = config.proxies().get(i).faults();
            for (int j = 0; j < faults.size(); j++) {
                FaultType<?> type = FaultRegistry.find(faults.get(j).type()).orElse(null);
                if (type == null || !(type.defaults() instanceof MachineRequirement)) {
                    continue;
                }
                String path = "proxies[" + i + "].faults[" + j + "].type";
                Optional<String> missing = type.missing(nativeTransport);
                findings.add(missing.isPresent()
                        ? new DoctorFinding(path, type.name(), DoctorStatus.WONT_APPLY, missing.get(), "")
                        : new DoctorFinding(path, type.name(), DoctorStatus.OK, "this machine can run it", ""));
            }
        }
        return findings;
    }
}
