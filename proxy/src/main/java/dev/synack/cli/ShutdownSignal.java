package dev.synack.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Waits for SIGINT or SIGTERM. Handling the signals ourselves (instead of a shutdown hook) lets the main
 * thread drain the proxies and exit with status 0. A second signal during the drain cuts it short: every
 * connection still open is reset at once (an RST on both legs, so no peer mistakes a cut transfer for a
 * complete one) and recorded, and synack exits 0 as after a drain. Only a third signal, for a synack that
 * cannot stop, halts the JVM (status 1).
 */
final class ShutdownSignal {
    private static final Logger log = LoggerFactory.getLogger(ShutdownSignal.class);

    private final CountDownLatch received = new CountDownLatch(1);
    private final AtomicInteger count = new AtomicInteger();
    private volatile String name;
    private volatile Runnable hurry = () -> {};

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

    /** What a second signal does: end the drain now. */
    void onSecond(Runnable hurry) {
        this.hurry = hurry;
    }

    private void onSignal(Signal signal) {
        int n = count.incrementAndGet();
        if (n == 1) {
            name = "SIG" + signal.getName();
            received.countDown();
        } else if (n == 2) {
            log.warn("SIG{} again: resetting every connection still open instead of waiting for it", signal.getName());
            hurry.run();
        } else {
            log.warn("SIG{} a third time: halting", signal.getName());
            Runtime.getRuntime().halt(Main.PROBLEM);
        }
    }

    /** Blocks until a signal arrives and returns its name ({@code SIGINT}, {@code SIGTERM}). */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
