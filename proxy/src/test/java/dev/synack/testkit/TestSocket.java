package dev.synack.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.LongConsumer;

/**
 * One end of a loopback TCP connection in blocking mode (a client of the proxy or a service's accepted
 * socket), with the moves the tests need: write seeded payloads, read to the end while hashing and tell
 * FIN from RST, half-close, and reset (SO_LINGER 0 then close). Buffers are direct and 64 KiB.
 */
public final class TestSocket implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final SocketChannel channel;
    private final InetSocketAddress local;

    TestSocket(SocketChannel channel) {
        this.channel = channel;
        // kept, so the address of a closed socket can still name its session
        this.local = (InetSocketAddress) channel.socket().getLocalSocketAddress();
    }

    /** Connects from 127.0.0.1 (ephemeral port) to {@code target}. */
    public static TestSocket connect(InetSocketAddress target) throws IOException {
        return connectFrom("127.0.0.1", target);
    }

    /** Connects from a chosen loopback address (127.0.0.2, ...), so the proxy sees a different client IP. */
    public static TestSocket connectFrom(String localIp, InetSocketAddress target) throws IOException {
        TestSocket s = bound(localIp);
        try {
            s.channel.socket().connect(target, CONNECT_TIMEOUT_MS);
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** A socket bound to {@code localIp} (ephemeral port) and not connected yet: its address is known before it connects. */
    public static TestSocket bound(String localIp) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.bind(new InetSocketAddress(localIp, 0));
            return new TestSocket(ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Connects, then reads to the end. A peer that resets at once can do so before connect returns
     * (connect then fails with "Connection reset"); that counts as the same ending as a reset read.
     */
    public Received connectAndReadToEnd(InetSocketAddress target) {
        try {
            channel.socket().connect(target, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            close();
            return new Received(Payload.EMPTY.digest(), Ending.of(e), e);
        }
        return readToEnd();
    }

    public InetSocketAddress localAddress() {
        return local;
    }

    public SocketChannel channel() {
        return channel;
    }

    /** Writes the whole payload and returns the digest of what was written. */
    public Digest write(Payload payload) throws IOException {
        Payload.Generator g = payload.generator();
        ByteBuffer buf = ByteBuffer.allocateDirect(Payload.CHUNK);
        MessageDigest md = Payload.sha256();
        while (g.fill(buf)) {
            md.update(buf);
            buf.rewind();
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }
        return new Digest(payload.length(), Payload.hex(md.digest()));
    }

    /**
     * Like {@link #write(Payload)}, but after every {@code step} bytes written (a multiple of
     * {@link Payload#CHUNK}) calls {@code between} with the total so far: a writer that waits there lets
     * the test change something between two parts of one stream.
     */
    public Digest write(Payload payload, long step, LongConsumer between) throws IOException {
        Payload.Generator g = payload.generator();
        ByteBuffer buf = ByteBuffer.allocateDirect(Payload.CHUNK);
        MessageDigest md = Payload.sha256();
        long total = 0;
        while (g.fill(buf)) {
            md.update(buf);
            buf.rewind();
            while (buf.hasRemaining()) {
                total += channel.write(buf);
            }
            if (total % step == 0) {
                between.accept(total);
            }
        }
        return new Digest(payload.length(), Payload.hex(md.digest()));
    }

    public void write(String text) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Reads exactly {@code n} bytes; an EOF before them is an {@link EOFException}. */
    public byte[] readExactly(int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf) < 0) {
                throw new EOFException("EOF after " + buf.position() + " of " + n + " bytes");
            }
        }
        return buf.array();
    }

    public String readText(int length) throws IOException {
        return new String(readExactly(length), StandardCharsets.UTF_8);
    }

    /** Writes {@code text} and reads back as many bytes: one round trip through an echo service. */
    public String roundTrip(String text) throws IOException {
        write(text);
        return readText(text.getBytes(StandardCharsets.UTF_8).length);
    }

    /** Reads until EOF or a read error, hashing every byte. Never throws: the ending is part of the result. */
    public Received readToEnd() {
        return readToEnd(Long.MAX_VALUE, total -> {});
    }

    /**
     * Like {@link #readToEnd()}, but reads at most {@code step} bytes at a time and, after each step, calls
     * {@code between} with the total so far: a slow reader waits there for a condition.
     */
    public Received readToEnd(long step, LongConsumer between) {
        ByteBuffer buf = ByteBuffer.allocateDirect(Payload.CHUNK);
        MessageDigest md = Payload.sha256();
        long total = 0;
        long nextPause = step;
        try {
            while (true) {
                buf.clear();
                buf.limit((int) Math.min(buf.capacity(), nextPause - total));
                int n = channel.read(buf);
                if (n < 0) {
                    return new Received(new Digest(total, Payload.hex(md.digest())), Ending.EOF, null);
                }
                buf.flip();
                md.update(buf);
                total += n;
                if (total == nextPause) {
                    between.accept(total);
                    nextPause = total > Long.MAX_VALUE - step ? Long.MAX_VALUE : total + step;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return new Received(new Digest(total, Payload.hex(md.digest())), Ending.of(e), e);
        }
    }

    public CompletableFuture<Digest> writeAsync(Payload payload) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return write(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, thread("write"));
    }

    public CompletableFuture<Received> readToEndAsync() {
        return CompletableFuture.supplyAsync(this::readToEnd, thread("read"));
    }

    /** Sends FIN; reading stays possible. */
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** Ends the connection with an RST: SO_LINGER 0, then close. */
    public void reset() throws IOException {
        channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        channel.close();
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket the peer already reset can fail; nothing is left to release
        }
    }

    /** An executor that runs each task on a new daemon thread, so a blocked test socket never pins the JVM. */
    static Executor thread(String role) {
        return task -> {
            Thread t = new Thread(task, "test-socket-" + role);
            t.setDaemon(true);
            t.start();
        };
    }
}
