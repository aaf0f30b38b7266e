package dev.synack.admin;

import dev.synack.testkit.Digest;
import dev.synack.testkit.Payload;
import dev.synack.testkit.TestSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A transfer through a proxy to an echo server that runs until it is told to end: one thread writes a seeded
 * payload, hashing it, never more than {@link #WINDOW} ahead of the echo (so that ending it takes no long
 * drain); another reads the echo and hashes it. Ended, the writer sends its FIN, and what came back must be
 * what went out, byte for byte, and end with the echo server's FIN.
 */
final class EchoTransfer implements AutoCloseable {
    private static final long WINDOW = 256 << 10;

    /** What was written, and what came back until the echo server's FIN. */
    record Outcome(Digest written, Digest echoed) {}

    private final TestSocket socket;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong echoed = new AtomicLong();
    private final CompletableFuture<Digest> writer = new CompletableFuture<>();
    private final CompletableFuture<Digest> reader = new CompletableFuture<>();

    private EchoTransfer(TestSocket socket) {
        this.socket = socket;
    }

    static EchoTransfer start(InetSocketAddress proxy, long seed) throws IOException {
        EchoTransfer t = new EchoTransfer(TestSocket.connect(proxy));
        daemon("echo-transfer-writer", () -> t.write(seed));
        daemon("echo-transfer-reader", t::read);
        return t;
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private void write(long seed) {
        try {
            Payload.Generator g = Payload.of(Long.MAX_VALUE, seed).generator();
            ByteBuffer buf = ByteBuffer.allocateDirect(Payload.CHUNK);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            while (!stop.get() && g.fill(buf)) {
                md.update(buf);
                buf.rewind();
                while (buf.hasRemaining()) {
                    written.addAndGet(socket.channel().write(buf));
                }
                while (!stop.get() && !reader.isDone() && written.get() - echoed.get() > WINDOW) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
            socket.shutdownOutput();
            writer.complete(new Digest(written.get(), HexFormat.of().formatHex(md.digest())));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            writer.completeExceptionally(e);
        }
    }

    private void read() {
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(Payload.CHUNK);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int n; (n = socket.channel().read(buf)) >= 0; ) {
                buf.flip();
                md.update(buf);
                buf.clear();
                echoed.addAndGet(n);
            }
            reader.complete(new Digest(echoed.get(), HexFormat.of().formatHex(md.digest())));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            reader.completeExceptionally(e);
        }
    }

    /** Bytes that have come back so far. */
    long echoed() {
        return echoed.get();
    }

    /** Whether the transfer has ended on its own (a failure, or the proxy ended the connection). */
    boolean ended() {
        return writer.isDone() || reader.isDone();
    }

    /** Ends the writing, then waits for the echo to end; a reset or a failure to read is an exception. */
    Outcome finish(long seconds) throws Exception {
        stop.set(true);
        Digest w = writer.get(seconds, TimeUnit.SECONDS);
        return new Outcome(w, reader.get(seconds, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        stop.set(true);
        socket.close();
    }
}
