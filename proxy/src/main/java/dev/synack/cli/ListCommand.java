package dev.synack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code synack list}: every proxy of a running synack, as {@code toxiproxy-cli list} shows them. */
@Command(name = "list", aliases = {"l", "li", "ls"}, mixinStandardHelpOptions = true,
        description = "List the proxies of a running synack (admin API).")
final class ListCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Override
    public Integer call() throws Exception {
        String body = admin.client().call("GET", "proxies", null);
        if (admin.json) {
            admin.printJson(body);
        } else {
            admin.out().print(ProxyText.table(AdminClient.JSON.readTree(body)));
            admin.out().flush();
        }
        return Main.OK;
    }
}
