package dev.synack.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synack toxic update P -n NAME [--tox P] -a key=value ...}: the attributes given are merged, the
 * others keep their values; unlike {@code toxiproxy-cli}, the toxicity changes only when given.
 */
@Command(name = "update", aliases = {"u"}, mixinStandardHelpOptions = true,
        description = "Change attributes (the others keep their values) or the toxicity of a toxic.")
final class ToxicUpdateCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Parameters(paramLabel = "PROXY", description = "The proxy's name.")
    private String proxy;

    @Option(names = {"-n", "--toxicName", "--name"}, required = true, paramLabel = "NAME", description = "The toxic's name.")
    private String name;

    @Option(names = {"--tox", "--toxicity"}, paramLabel = "P", description = "New probability, 0 to 1.")
    private Float toxicity;

    @Option(names = {"-a", "--attribute"}, paramLabel = "KEY=VALUE", description = "An attribute to change; repeat for more.")
    private List<String> attributes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CommandLine cli = admin.spec.commandLine();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("attributes", ToxicCommand.attributes(attributes, cli));
        if (toxicity != null) {
            body.put("toxicity", ToxicCommand.toxicity(toxicity, cli));
        }
        String path = "proxies/" + AdminClient.segment(proxy) + "/toxics/" + AdminClient.segment(name);
        String json = admin.client().call("PATCH", path, body);
        if (admin.json) {
            admin.printJson(json);
        } else {
            admin.out().println("updated " + ProxyText.toxic(AdminClient.JSON.readTree(json)) + " of proxy " + proxy);
            admin.out().flush();
        }
        return Main.OK;
    }
}
