package dev.synack.cli;

import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for SIGINT or SIGTERM. Handling the signals ourselves (instead of a shutdown hook) lets the main
 * thread drain the proxies and exit with status 0; a second signal during the drain stops at once.
 */
final class ShutdownSignal {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name;

    private ShutdownSignal() {}

    /** Installs the handlers; call before starting anything so that an early Ctrl-C is not lost. */
    static ShutdownSignal install() {
        ShutdownSignal s = new ShutdownSignal();
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(sig), s::onSignal);
            } catch (IllegalArgumentException e) {
                // The JVM reserves the signal (for example -Xrs); a shutdown hook still stops the proxies then.
                log.debug("cannot handle SIG{}: {}", sig, e.getMessage());
            }
        }
        return s;
    }

    private void onSignal(Signal signal) {
        if (received.getCount() == 0) {
            log.warn("SIG{} again: stopping without waiting for connections to drain", signal.getName());
            Runtime.getRuntime().halt(Main.PROBLEM);
        }
        name = "SIG" + signal.getName();
        received.countDown();
    }

    /** Blocks until a signal arrives and returns its name ({@code SIGINT}, {@code SIGTERM}). */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
