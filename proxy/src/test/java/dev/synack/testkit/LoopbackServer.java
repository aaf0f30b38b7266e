package dev.synack.testkit;

import dev.synack.config.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A service on 127.0.0.1 (or another loopback address, ::1 included) with a kernel-chosen port: accepts on
 * its own thread and serves each connection on another. It listens before the factory returns, so a proxy
 * may connect at once. Closing it closes the listener and every connection, which unblocks any thread
 * still serving.
 */
public abstract class LoopbackServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final String host;
    private final List<TestSocket> connections = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    protected LoopbackServer(String name) {
        this(name, "127.0.0.1");
    }

    /** Listening on {@code host}, a literal address ({@code ::1} for IPv6). */
    protected LoopbackServer(String name, String host) {
        this.host = host;
        try {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(host, 0), 128);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback service", e);
        }
        acceptor = new Thread(this::acceptLoop, name + "-accept");
        acceptor.setDaemon(true);
    }

    /** Starts accepting; subclasses call it once their fields are set. */
    protected final void startAccepting() {
        acceptor.start();
    }

    /** Serves one accepted connection on its own thread; an exception is recorded in {@link #failures()}. */
    protected abstract void serve(TestSocket peer) throws Exception;

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                failures.add(e);
                return;
            }
            TestSocket peer = new TestSocket(ch);
            connections.add(peer);
            accepted.incrementAndGet();
            TestSocket.thread(acceptor.getName().replace("-accept", "-serve")).execute(() -> {
                try {
                    serve(peer);
                } catch (Exception | AssertionError e) {
                    failures.add(e);
                    peer.close();
                }
            });
        }
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(host, server.socket().getLocalPort());
    }

    /** The address as config writes it. */
    public HostPort hostPort() {
        return new HostPort(host, server.socket().getLocalPort());
    }

    public int acceptedCount() {
        return accepted.get();
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the listener is going away either way
        }
        connections.forEach(TestSocket::close);
    }
}
