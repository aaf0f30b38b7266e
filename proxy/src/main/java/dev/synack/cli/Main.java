package dev.synack.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code synack} command: parses the arguments, runs the chosen subcommand and turns its outcome into
 * an exit status ({@link #OK}, {@link #PROBLEM}, {@link #USAGE}).
 */
@Command(name = "synack",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A TCP proxy that tunes kernel sockets, relays half-closes and resets faithfully, "
                + "and tells how each connection ended.",
        subcommands = {RunCommand.class, DemoCommand.class, DoctorCommand.class,
                ListCommand.class, InspectCommand.class, CreateCommand.class, ToggleCommand.class, DeleteCommand.class,
                ToxicCommand.class, ResetCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    /** Everything went as asked. */
    public static final int OK = 0;
    /** The command ran but found a problem (doctor: an option will not take effect; demo: a surprise). */
    public static final int PROBLEM = 1;
    /** A user mistake: bad arguments or a config that cannot run. Nothing was started. */
    public static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        LeakDetection.offUnlessAsked();
        int status = execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
        System.exit(status);
    }

    /** Runs synack with the given arguments and writers and returns the exit status; never exits the JVM. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setParameterExceptionHandler(Main::badArguments);
        // -host must never read as -h -o -s -t: toxiproxy-server's flags are single-dash words.
        cli.setPosixClusteredShortOptionsAllowed(false);
        try {
            return cli.execute(ToxiproxyMode.withRun(args));
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** A user mistake in the arguments: the message, picocli's suggestions if it has any, and always the usage. */
    private static int badArguments(CommandLine.ParameterException ex, String[] args) {
        CommandLine cli = ex.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println(ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        cli.usage(err);
        return USAGE;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: one of run, demo, doctor, "
                + "list, inspect, create, toggle, delete, toxic, reset");
    }
}
