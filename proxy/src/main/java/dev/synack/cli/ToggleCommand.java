package dev.synack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code synack toggle P}: disables an enabled proxy (listener and connections closed) or enables a disabled
 * one (listening again on its address).
 */
@Command(name = "toggle", aliases = {"tog"}, mixinStandardHelpOptions = true,
        description = "Disable an enabled proxy (closing its listener and connections), or enable a disabled one.")
final class ToggleCommand implements Callable<Integer> {
    @Mixin
    private AdminOptions admin;

    @Parameters(paramLabel = "PROXY", description = "The proxy's name.")
    private String proxy;

    @Override
    public Integer call() throws Exception {
        AdminClient client = admin.client();
        String path = "proxies/" + AdminClient.segment(proxy);
        boolean enabled = client.callJson("GET", path, null).path("enabled").asBoolean();
        String json = client.call("POST", path, Map.of("enabled", !enabled));
        if (admin.json) {
            admin.printJson(json);
        } else {
            JsonNode p = AdminClient.JSON.readTree(json);
            admin.out().println("proxy " + proxy + " is now " + (p.path("enabled").asBoolean() ? "enabled" : "disabled"));
            admin.out().flush();
        }
        return Main.OK;
    }
}
