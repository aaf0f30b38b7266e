package dev.synack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synack toxic remove P -n NAME}. */
@Command(name = "remove", aliases = {"r", "delete", "d"}, mixinStandardHelpOptions = true, description = "Remove a toxic from a proxy.")
final class ToxicRemoveCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Parameters(paramLabel = "PROXY", description = "The proxy's name.")
    private String proxy;

    @Option(names = {"-n", "--toxicName", "--name"}, required = true, paramLabel = "NAME", description = "The toxic's name.")
    private String name;

    @Override
    public Integer call() throws Exception {
        admin.client().call("DELETE", "proxies/" + AdminClient.segment(proxy) + "/toxics/" + AdminClient.segment(name), null);
        if (!admin.json) {
            admin.out().println("removed toxic " + name + " from proxy " + proxy);
            admin.out().flush();
        }
        return Main.OK;
    }
}
