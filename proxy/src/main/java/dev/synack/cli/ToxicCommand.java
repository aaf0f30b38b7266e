package dev.synack.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code synack toxic add|update|remove}: the faults of a proxy, in Toxiproxy's terms. */
@Command(name = "toxic", aliases = {"t"}, mixinStandardHelpOptions = true,
        description = "Add, update or remove a toxic (a fault) of a proxy.",
        subcommands = {ToxicAddCommand.class, ToxicUpdateCommand.class, ToxicRemoveCommand.class})
final class ToxicCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: one of add, update, remove");
    }

    /**
     * {@code -a key=value} pairs as a JSON object: a value that reads as a number is sent as one (integral
     * numbers as integers), {@code true} and {@code false} as booleans, anything else as a string.
     */
    static Map<String, Object> attributes(List<String> pairs, CommandLine cli) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(cli, "-a " + pair + ": expected key=value, like latency=100");
            }
            out.put(pair.substring(0, eq), value(pair.substring(eq + 1)));
        }
        return out;
    }

    private static Object value(String v) {
        if (v.equals("true") || v.equals("false")) {
            return Boolean.valueOf(v);
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException notInteger) {
            try {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) && !v.matches(".*[a-zA-Z].*") ? (Object) d : v;
            } catch (NumberFormatException notNumber) {
                return v;
            }
        }
    }

    /** A toxicity given on the command line: 0 to 1, as {@code toxiproxy-cli} checks. */
    static float toxicity(float value, CommandLine cli) {
        if (!(value >= 0 && value <= 1)) {
            throw new CommandLine.ParameterException(cli, "--toxicity " + value + ": expected a number from 0 to 1");
        }
        return value;
    }
}
