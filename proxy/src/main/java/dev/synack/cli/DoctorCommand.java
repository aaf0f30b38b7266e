package dev.synack.cli;

import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.SynackConfig;
import dev.synack.doctor.Doctor;
import dev.synack.doctor.DoctorReport;
import dev.synack.fault.FaultConfigCheck;
import dev.synack.net.Sysctls;
import dev.synack.net.TransportChoice;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code synack doctor}: reads the kernel settings a config depends on and says, option by option, what
 * will take effect, whether the config can start here, and whether this machine can run the config's
 * faults that need privileges or tools. Exit 0 when everything will (warnings included), 1 when
 * something will not (an option, a listen address, a fault), 2 on a config error (faults' included).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check a config against this kernel's sysctls and this machine: what will take effect, what "
                + "will not, and how to fix it. Exit 0 = all good (warnings included), 1 = some option or listen "
                + "address will not take effect, 2 = config error.")
final class DoctorCommand implements Callable<Integer> {
    @Mixin
    private ConfigOption config;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SynackConfig cfg = config.load();
        List<ConfigError> faultErrors = FaultConfigCheck.check(cfg);
        if (!faultErrors.isEmpty()) {
            throw new ConfigException(faultErrors);
        }
        TransportChoice transport = ConfigOption.chooseTransport(cfg);
        DoctorReport report = Doctor.examine(cfg, transport.transport(), Sysctls.system())
                .with(FaultFindings.of(cfg, transport.transport().isNative()));
        PrintWriter out = spec.commandLine().getOut();
        String text = report.render();
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return report.hasProblems() ? Main.PROBLEM : Main.OK;
    }
}
