package dev.synack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code synack reset}: every proxy enabled again, every toxic removed (Toxiproxy's {@code /reset}). */
@Command(name = "reset", mixinStandardHelpOptions = true, description = "Enable every proxy and remove every toxic.")
final class ResetCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Override
    public Integer call() throws Exception {
        admin.client().call("POST", "reset", null);
        if (!admin.json) {
            admin.out().println("reset: every proxy enabled, every toxic removed");
            admin.out().flush();
        }
        return Main.OK;
    }
}
