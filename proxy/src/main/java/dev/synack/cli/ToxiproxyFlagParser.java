package dev.synack.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code toxiproxy-server}'s flags in the syntax of Go's {@code flag} package: {@code -name} or
 * {@code --name}; a value as {@code -name=value} or {@code -name value}; a boolean as {@code -name} or
 * {@code -name=false} (never {@code -name false}); {@code --} ends the flags. Errors are worded as Go words
 * them ({@code flag provided but not defined: -hots}); unlike Go, an argument left after the flags is an
 * error, not silently ignored.
 */
public final class ToxiproxyFlagParser {
    /** Every flag: Toxiproxy's, then synack's {@code -insecure}. */
    static final List<String> VALUE_FLAGS = List.of("host", "port", "config", "seed");
    static final List<String> BOOLEAN_FLAGS = List.of("proxy-metrics", "runtime-metrics", "version", "insecure");

    /** A command line that is not valid; the message is the one line to show. */
    public static final class FlagException extends Exception {
        private static final long serialVersionUID = 1L;

        FlagException(String message) {
            super(message, null, false, false);
        }
    }

    private ToxiproxyFlagParser() {}

    /** Whether an argument is one of these flags in Go's syntax, e.g. to tell them from synack's own options. */
    public static boolean isFlag(String arg) {
        String name = name(arg);
        return name != null && (VALUE_FLAGS.contains(name) || BOOLEAN_FLAGS.contains(name));
    }

    public static ToxiproxyFlags parse(List<String> args) throws FlagException {
        String host = ToxiproxyFlags.DEFAULT_HOST;
        int port = ToxiproxyFlags.DEFAULT_PORT;
        Path config = null;
        Long seed = null;
        boolean[] bools = new boolean[BOOLEAN_FLAGS.size()];
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                if (i + 1 < args.size()) {
                    throw new FlagException("unexpected argument: " + args.get(i + 1));
                }
                break;
            }
            String name = name(arg);
            if (name == null) {
                throw new FlagException("unexpected argument: " + arg);
            }
            if (name.equals("h") || name.equals("help")) {
                throw new FlagException("usage: synack [-host HOST] [-port PORT] [-config FILE] [-seed N] [-proxy-metrics] "
                        + "[-runtime-metrics] [-insecure]");
            }
            int eq = arg.indexOf('=');
            String value = eq < 0 ? null : arg.substring(eq + 1);
            int b = BOOLEAN_FLAGS.indexOf(name);
            if (b >= 0) {
                bools[b] = value == null || bool(name, value);
                continue;
            }
            if (!VALUE_FLAGS.contains(name)) {
                throw new FlagException("flag provided but not defined: -" + name);
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new FlagException("flag needs an argument: -" + name);
                }
                value = args.get(++i);
            }
            switch (name) {
                case "host" -> host = value;
                case "port" -> port = port(value);
                case "config" -> config = Path.of(value);
                default -> seed = seed(value);
            }
        }
        return new ToxiproxyFlags(host, port, config, seed, bools[0], bools[1], bools[3], bools[2]);
    }

    /** The flag name of an argument ({@code -host=x} and {@code --host} give {@code host}), or null if it is no flag. */
    private static String name(String arg) {
        if (arg.length() < 2 || arg.charAt(0) != '-' || arg.equals("--")) {
            return null;
        }
        String s = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
        if (s.isEmpty() || s.startsWith("-") || s.startsWith("=")) {
            return null;
        }
        int eq = s.indexOf('=');
        return eq < 0 ? s : s.substring(0, eq);
    }

    /** Go's {@code strconv.ParseBool}. */
    private static boolean bool(String name, String value) throws FlagException {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new FlagException("invalid boolean value \"" + value + "\" for -" + name + ": parse error");
        };
    }

    private static int port(String value) throws FlagException {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // worded below
        }
        throw new FlagException("invalid value \"" + value + "\" for flag -port: expected a port from 0 to 65535");
    }

    private static Long seed(String value) throws FlagException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new FlagException("invalid value \"" + value + "\" for flag -seed: parse error");
        }
    }
}
