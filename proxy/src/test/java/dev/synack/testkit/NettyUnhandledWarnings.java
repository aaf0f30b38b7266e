package dev.synack.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails the test during which Netty said that something went unhandled: an exception that reached the
 * tail of a pipeline, an inbound message nobody took, a buffer released twice, a leaked buffer, a
 * listener or promise that threw. Each is a bug in a handler, the product's or a test's own; the test
 * output stays free of them because every test is held to it. Registered for every test class through
 * JUnit's extension auto-detection (META-INF/services, junit-platform.properties). A warning logged
 * from an event loop just after a test ended is charged to the next one; its thread is named.
 */
public final class NettyUnhandledWarnings implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    /** Netty's words for what no handler took care of. */
    static final List<String> SIGNS = List.of(
            "reached at the tail of the pipeline",
            "Discarded inbound message",
            "Failed to release a",
            "LEAK:",
            "An exception was thrown by",
            "Failed to mark a promise",
            "Failed to notify");
    private static final String NAME = "netty-unhandled-warnings";
    private static final Collector COLLECTOR = new Collector();

    @Override
    public void beforeEach(ExtensionContext context) {
        install();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failOnAny("during or just before this test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failOnAny("after the last test of this class");
    }

    private static void failOnAny(String when) {
        List<String> seen = drain();
        if (!seen.isEmpty()) {
            throw new AssertionError("Netty reported something no handler took care of, " + when + ":\n  "
                    + String.join("\n  ", seen));
        }
    }

    /** Attaches the collector to logback's root logger (again, if a test reset logging). */
    static synchronized void install() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(NAME) == null) {
            COLLECTOR.setName(NAME);
            COLLECTOR.setContext(root.getLoggerContext());
            COLLECTOR.start();
            root.addAppender(COLLECTOR);
        }
    }

    /**
     * Sends one logger's events to the guard alone ({@code true}), keeping them out of the test output, or
     * back to the root's appenders ({@code false}): for the guard's own test.
     */
    static synchronized void collectOnly(String loggerName, boolean only) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        logger.setAdditive(!only);
        if (only) {
            logger.addAppender(COLLECTOR);
        } else {
            logger.detachAppender(COLLECTOR);
        }
    }

    /** What was collected since the last call, and forgets it. */
    static List<String> drain() {
        synchronized (COLLECTOR) {
            List<String> out = List.copyOf(COLLECTOR.seen);
            COLLECTOR.seen.clear();
            return out;
        }
    }

    /** Keeps each of Netty's warnings (and errors) that carries one of the {@link #SIGNS}. */
    private static final class Collector extends AppenderBase<ILoggingEvent> {
        private final List<String> seen = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent e) {
            if (!e.getLoggerName().startsWith("io.netty") || !e.getLevel().isGreaterOrEqual(Level.WARN)) {
                return;
            }
            String message = e.getFormattedMessage();
            if (SIGNS.stream().noneMatch(message::contains)) {
                return;
            }
            IThrowableProxy t = e.getThrowableProxy();
            synchronized (this) {
                seen.add("[" + e.getThreadName() + "] " + message + (t == null ? "" : " " + t.getClassName() + ": " + t.getMessage()));
            }
        }
    }
}
