package dev.synack.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every client command shares: where the admin API is ({@code --admin}, else {@code SYNACK_URL},
 * else {@code TOXIPROXY_URL}, else {@code http://127.0.0.1:8474}), its token ({@code --token}, else
 * {@code SYNACK_ADMIN_TOKEN}), and {@code --json} for the API's own JSON instead of a table.
 */
final class AdminOptions {
    static final String DEFAULT_URL = "http://127.0.0.1:8474";

    @Option(names = "--admin", paramLabel = "URL",
            description = "Admin API URL. Default: $SYNACK_URL, else $TOXIPROXY_URL, else " + DEFAULT_URL + ".")
    String admin;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Bearer token of the admin API. Default: $SYNACK_ADMIN_TOKEN.")
    String token;

    @Option(names = "--json", description = "Print the API's JSON instead of text.")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The URL to call: the option, else the environment, else the default. */
    static String url(String option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        for (String name : new String[] {"SYNACK_URL", "TOXIPROXY_URL"}) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return DEFAULT_URL;
    }

    AdminClient client() {
        String url = url(admin, System.getenv());
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--admin: not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "--admin: expected http://HOST:PORT, got " + url);
        }
        return new AdminClient(uri, token != null ? token : System.getenv("SYNACK_ADMIN_TOKEN"));
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints the API's JSON as it came (with a newline), for {@code --json}. */
    void printJson(String body) {
        if (!body.isEmpty()) {
            out().print(body.endsWith("\n") ? body : body + "\n");
        }
        out().flush();
    }
}
