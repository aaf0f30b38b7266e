package dev.synack.testkit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A service that, on each connection, writes a seeded payload and then FIN while it reads and hashes
 * everything the client sends until EOF; then it closes. With an empty payload it is a pure sink (it
 * sends nothing and no early FIN); a source that ignores its input is the same service whose client
 * sends nothing. Each connection's outcome is queued as an {@link Exchange}.
 */
public final class HashingService extends LoopbackServer {
    private final Payload toSend;
    private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();

    /** What one connection saw: the digest of what the service wrote (null if writing failed) and what it read. */
    public record Exchange(Digest sent, Throwable sendFailure, Received received) {}

    private HashingService(Payload toSend) {
        super("hashing");
        this.toSend = toSend;
    }

    /** Reads and hashes everything; sends nothing. */
    public static HashingService sink() {
        return duplex(Payload.EMPTY);
    }

    /** Sends {@code payload} then FIN, reading (and hashing) whatever arrives until EOF. */
    public static HashingService source(Payload payload) {
        return duplex(payload);
    }

    /** Sends {@code payload} while reading, at the same time. */
    public static HashingService duplex(Payload payload) {
        HashingService s = new HashingService(payload);
        s.startAccepting();
        return s;
    }

    @Override
    protected void serve(TestSocket peer) throws Exception {
        try (peer) {
            CompletableFuture<Digest> writer = toSend.length() == 0
                    ? CompletableFuture.completedFuture(new Digest(0, Payload.EMPTY.digest().sha256()))
                    : peer.writeAsync(toSend).thenApply(d -> {
                        try {
                            peer.shutdownOutput();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return d;
                    });
            Received received = peer.readToEnd();
            Digest sent = null;
            Throwable sendFailure = null;
            try {
                sent = writer.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                sendFailure = e.getCause();
            }
            exchanges.add(new Exchange(sent, sendFailure, received));
        }
    }

    /** The next connection's outcome, once it has ended (waits up to {@code seconds}). */
    public Exchange awaitExchange(long seconds) throws InterruptedException {
        Exchange e = exchanges.poll(seconds, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no connection to the hashing service ended within " + seconds + " s");
        }
        return e;
    }
}
