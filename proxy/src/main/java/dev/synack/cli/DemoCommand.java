package dev.synack.cli;

import dev.synack.demo.Demo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code synack demo}: runs the built-in services and proxies of the embedded demo config, drives five
 * connections through them, prints how each ended, and exits (or serves on with {@code --serve}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start built-in loopback services with synack in front, drive five connections "
                + "(a normal exchange, a half-close, a client reset, an unreachable upstream, a latency and a reset "
                + "injected by faults) and report how each ended.",
                "Exit 0 when all five ended as expected, 1 otherwise."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--serve", description = "After the report, keep serving (ports 18001.. and 18101..) until Ctrl-C.")
    private boolean serve;

    @Option(names = "--ephemeral", description = "Bind every proxy and service to a free port instead of the fixed ones.")
    private boolean ephemeral;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ShutdownSignal signal = serve ? ShutdownSignal.install() : null;
        Demo demo = new Demo(spec.commandLine().getOut());
        boolean ok = demo.run(ephemeral, signal == null ? null : signal::await);
        return ok ? Main.OK : Main.PROBLEM;
    }
}
