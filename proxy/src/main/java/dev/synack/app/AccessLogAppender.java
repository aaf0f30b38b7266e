package dev.synack.app;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.synack.config.AccessLogSpec;
import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.observe.AccessLogObserver;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Gives the access log's logger ({@value AccessLogObserver#LOGGER}) its own Logback appender: each line as
 * it is, to standard output or appended to a file, and to nothing else (not the process log on stderr).
 * The writing happens off the event loops, behind a queue of {@value #QUEUE} lines that never blocks: a
 * disk that falls that far behind loses lines rather than stalling every connection of the loop.
 */
final class AccessLogAppender {
    static final int QUEUE = 8192;
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(AccessLogAppender.class);

    private AccessLogAppender() {}

    /** Attaches the appender; closing the result flushes the queue and detaches it. */
    static AutoCloseable attach(AccessLogSpec spec) throws ConfigException {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) {
            log.warn("access_log needs Logback as the logging backend; {} is in use: no access log",
                    LoggerFactory.getILoggerFactory().getClass().getName());
            return () -> { };
        }
        if (!spec.toStdout()) {
            checkWritable(spec.path());
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern("%msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> out = spec.toStdout() ? stdout() : file(spec.path());
        out.setContext(ctx);
        out.setName("synack-access-log");
        out.setEncoder(encoder);
        out.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(ctx);
        async.setName("synack-access-log-queue");
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(out);
        async.start();
        Logger logger = ctx.getLogger(AccessLogObserver.LOGGER);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(async);
        log.info("access log: {}", spec.toStdout() ? "standard output" : spec.path());
        return () -> {
            logger.detachAppender(async);
            async.stop();
            out.stop();
        };
    }

    private static ConsoleAppender<ILoggingEvent> stdout() {
        ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
        c.setTarget("System.out");
        return c;
    }

    private static FileAppender<ILoggingEvent> file(String path) {
        FileAppender<ILoggingEvent> f = new FileAppender<>();
        f.setFile(path);
        f.setAppend(true);
        return f;
    }

    /** Logback would only note a file it cannot open in its status list: try it here, for a clear error. */
    private static void checkWritable(String path) throws ConfigException {
        try (OutputStream o = Files.newOutputStream(Path.of(path), StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            o.flush();
        } catch (IOException | RuntimeException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason().toLowerCase(java.util.Locale.ROOT)
                    : String.valueOf(e.getMessage());
            throw new ConfigException(List.of(new ConfigError("access_log.path", '"' + path + '"',
                    "a file synack can append to (" + why + ")")));
        }
    }
}
