package dev.synack.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP reloads the config, as it does for most daemons. Handling it also keeps the JVM's default, which
 * would run the shutdown hooks and exit, from stopping synack when its terminal goes away.
 */
final class ReloadSignal {
    private static final Logger log = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {}

    /** Calls {@code reload} on the signal's thread; it must only hand the work over. */
    static void install(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), s -> reload.run());
        } catch (IllegalArgumentException e) {
            log.warn("cannot handle SIGHUP ({}): the config reloads only when its file changes", e.getMessage());
        }
    }
}
