package dev.synack.testkit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A service that does nothing by itself: each accepted connection is handed to the test, which then
 * plays the service's part step by step on the returned {@link TestSocket} (half-close, RST, stall by
 * never reading, send after the client's FIN, ...).
 */
public final class ScriptedUpstream extends LoopbackServer {
    private final BlockingQueue<TestSocket> accepted = new LinkedBlockingQueue<>();

    private ScriptedUpstream(String host) {
        super("scripted", host);
    }

    public static ScriptedUpstream start() {
        return start("127.0.0.1");
    }

    /** Listening on {@code host}, a literal loopback address ({@code ::1} for IPv6). */
    public static ScriptedUpstream start(String host) {
        ScriptedUpstream s = new ScriptedUpstream(host);
        s.startAccepting();
        return s;
    }

    @Override
    protected void serve(TestSocket peer) {
        accepted.add(peer);
    }

    /** The next connection the proxy opened to this service (waits up to 20 s). */
    public TestSocket nextConnection() throws InterruptedException {
        TestSocket s = accepted.poll(20, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("the proxy opened no connection to the scripted upstream within 20 s");
        }
        return s;
    }
}
