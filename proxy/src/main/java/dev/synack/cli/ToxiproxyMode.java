package dev.synack.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The hook that lets {@code synack run} (and {@code synack} alone) take {@code toxiproxy-server}'s flags:
 * picocli hands over the arguments it does not know, and this reads them as Go flags. An argument that is
 * neither synack's nor Toxiproxy's stays the usage error picocli would have made of it.
 */
final class ToxiproxyMode {
    private ToxiproxyMode() {}

    /**
     * {@code synack -host=0.0.0.0 ...} is {@code synack run -host=0.0.0.0 ...}, as {@code toxiproxy-server}
     * takes its flags with no command; its {@code -version} is synack's {@code --version}; any other command
     * line is left as it is. Without {@code run}, {@code --config FILE} is Toxiproxy's {@code -config}.
     */
    static String[] withRun(String[] args) {
        if (args.length > 0 && (args[0].equals("-version") || args[0].equals("--version"))) {
            String[] out = args.clone();
            out[0] = "--version";
            return out;
        }
        if (args.length == 0 || !ToxiproxyFlagParser.isFlag(args[0])) {
            return args;
        }
        String[] out = new String[args.length + 1];
        out[0] = "run";
        for (int i = 0; i < args.length; i++) {
            // toxiproxy-server's --config is its -config (a populate file), not run's --config (synack's own).
            boolean goConfig = args[i].equals("--config") || args[i].startsWith("--config=");
            out[i + 1] = goConfig ? args[i].substring(1) : args[i];
        }
        return out;
    }

    /** The flags among the arguments {@code run} did not match, or null when there are none. */
    static ToxiproxyFlags read(CommandLine cli, List<String> unmatched) {
        if (unmatched.isEmpty()) {
            return null;
        }
        if (!ToxiproxyFlagParser.isFlag(unmatched.get(0))) {
            throw new CommandLine.UnmatchedArgumentException(cli, unmatched);
        }
        try {
            return ToxiproxyFlagParser.parse(unmatched);
        } catch (ToxiproxyFlagParser.FlagException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }
}
