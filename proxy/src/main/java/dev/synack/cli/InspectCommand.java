package dev.synack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code synack inspect P}: one proxy and its toxics, by stream. */
@Command(name = "inspect", aliases = {"i", "ins"}, mixinStandardHelpOptions = true,
        description = "Show a proxy and its toxics.")
final class InspectCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Parameters(paramLabel = "PROXY", description = "The proxy's name.")
    private String proxy;

    @Override
    public Integer call() throws Exception {
        String body = admin.client().call("GET", "proxies/" + AdminClient.segment(proxy), null);
        if (admin.json) {
            admin.printJson(body);
        } else {
            admin.out().print(ProxyText.inspect(AdminClient.JSON.readTree(body)));
            admin.out().flush();
        }
        return Main.OK;
    }
}
