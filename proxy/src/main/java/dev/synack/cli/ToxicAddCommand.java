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

/** {@code synack toxic add P -t TYPE [-n NAME] [-s STREAM] [--tox P] -a key=value ...}. */
@Command(name = "add", aliases = {"a"}, mixinStandardHelpOptions = true,
        description = {"Add a toxic to a proxy. Types: latency, bandwidth, slow_close, timeout, reset_peer, slicer, "
                + "limit_data, noop. Example: synack toxic add redis -t latency -a latency=100 -a jitter=10"})
final class ToxicAddCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Parameters(paramLabel = "PROXY", description = "The proxy's name.")
    private String proxy;

    @Option(names = {"-t", "--type"}, required = true, paramLabel = "TYPE", description = "The toxic's type.")
    private String type;

    @Option(names = {"-n", "--toxicName", "--name"}, paramLabel = "NAME", description = "Its name. Default: TYPE_STREAM.")
    private String name;

    @Option(names = {"-s", "--stream"}, paramLabel = "STREAM",
            description = "upstream (client -> service) or downstream (service -> client). Default: downstream.")
    private String stream;

    @Option(names = {"-u", "--upstream"}, description = "Same as --stream upstream.")
    private boolean upstream;

    @Option(names = {"-d", "--downstream"}, description = "Same as --stream downstream.")
    private boolean downstream;

    @Option(names = {"--tox", "--toxicity"}, paramLabel = "P", defaultValue = "1.0",
            description = "Probability (0 to 1) that it applies to a connection. Default: ${DEFAULT-VALUE}.")
    private float toxicity;

    @Option(names = {"-a", "--attribute"}, paramLabel = "KEY=VALUE", description = "An attribute; repeat for more.")
    private List<String> attributes = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CommandLine cli = admin.spec.commandLine();
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        body.put("type", type);
        body.put("stream", stream(cli));
        body.put("toxicity", ToxicCommand.toxicity(toxicity, cli));
        body.put("attributes", ToxicCommand.attributes(attributes, cli));
        String json = admin.client().call("POST", "proxies/" + AdminClient.segment(proxy) + "/toxics", body);
        if (admin.json) {
            admin.printJson(json);
        } else {
            admin.out().println("added " + ProxyText.toxic(AdminClient.JSON.readTree(json)) + " to proxy " + proxy);
            admin.out().flush();
        }
        return Main.OK;
    }

    private String stream(CommandLine cli) {
        int given = (stream != null ? 1 : 0) + (upstream ? 1 : 0) + (downstream ? 1 : 0);
        if (given > 1) {
            throw new CommandLine.ParameterException(cli, "give one of --stream, --upstream and --downstream");
        }
        if (stream != null && !stream.equals("upstream") && !stream.equals("downstream")) {
            throw new CommandLine.ParameterException(cli, "--stream " + stream + ": expected upstream or downstream");
        }
        return stream != null ? stream : upstream ? "upstream" : "downstream";
    }
}
