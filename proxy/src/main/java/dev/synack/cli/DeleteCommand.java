package dev.synack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code synack delete P}: stops a proxy, closing its connections, and removes it. */
@Command(name = "delete", aliases = {"d"}, mixinStandardHelpOptions = true,
        description = "Delete a proxy (its listener and connections are closed).")
final class DeleteCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Parameters(paramLabel = "PROXY", description = "The proxy's name.")
    private String proxy;

    @Override
    public Integer call() throws Exception {
        admin.client().call("DELETE", "proxies/" + AdminClient.segment(proxy), null);
        if (!admin.json) {
            admin.out().println("deleted proxy " + proxy);
            admin.out().flush();
        }
        return Main.OK;
    }
}
