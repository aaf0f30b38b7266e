package dev.synack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synack create P -l LISTEN -u UPSTREAM}: a new proxy, listening at once. */
@Command(name = "create", aliases = {"c", "new"}, mixinStandardHelpOptions = true,
        description = "Create a proxy and start it.")
final class CreateCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Option(names = {"-l", "--listen"}, required = true, paramLabel = "HOST:PORT", description = "Address to listen on (port 0: any free port).")
    private String listen;

    @Option(names = {"-u", "--upstream"}, required = true, paramLabel = "HOST:PORT", description = "The service's address.")
    private String upstream;

    @Parameters(paramLabel = "PROXY", description = "The new proxy's name.")
    private String proxy;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", proxy);
        body.put("listen", listen);
        body.put("upstream", upstream);
        body.put("enabled", true);
        String json = admin.client().call("POST", "proxies", body);
        if (admin.json) {
            admin.printJson(json);
        } else {
            JsonNode p = AdminClient.JSON.readTree(json);
            admin.out().println("created proxy " + proxy + ": " + p.path("listen").asText() + " -> " + p.path("upstream").asText());
            admin.out().flush();
        }
        return Main.OK;
    }
}
