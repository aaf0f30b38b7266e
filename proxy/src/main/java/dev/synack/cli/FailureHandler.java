package dev.synack.cli;

import dev.synack.config.ConfigException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception that escaped a command into a message and an exit status. A config error prints
 * every error and exits {@link Main#USAGE}; anything else prints its message chain in one line and exits
 * {@link Main#PROBLEM}. Stack traces go to the debug log only: a user should never need one.
 */
final class FailureHandler implements IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parsed) {
        PrintWriter err = cli.getErr();
        if (ex instanceof ConfigException) {
            err.println(ex.getMessage());
            return Main.USAGE;
        }
        err.println("synack: " + describe(ex));
        log.debug("{} failed", cli.getCommandName(), ex);
        return Main.PROBLEM;
    }

    /** The messages of an exception and its causes, most general first, without repeats. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
            if (sb.indexOf(m) < 0) {
                sb.append(sb.length() == 0 ? "" : ": ").append(m);
            }
        }
        return sb.toString();
    }
}
