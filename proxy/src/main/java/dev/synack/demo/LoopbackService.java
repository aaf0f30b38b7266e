package dev.synack.demo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small blocking TCP service for the demo: accepts on its own thread, serves each connection on a daemon
 * thread of its own and counts the bytes it receives, so the demo can compare them with what the proxy
 * says it relayed. Plain JDK sockets keep the services independent of the proxy they sit behind.
 */
abstract class LoopbackService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopbackService.class);

    private final ServerSocket server;
    private final String name;
    private long received;

    LoopbackService(String name, InetSocketAddress bindTo) throws IOException {
        this.name = name;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bindTo, 64);
        Thread acceptor = new Thread(this::acceptLoop, "demo-" + name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Serves one connection; the socket is closed afterwards whatever happens. */
    abstract void serve(Socket socket) throws IOException;

    /** The socket's input, counting every byte read into {@link #received()}. */
    InputStream input(Socket socket) throws IOException {
        return new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    addReceived(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    addReceived(n);
                }
                return n;
            }
        };
    }

    /** Bytes received on all connections so far. */
    synchronized long received() {
        return received;
    }

    /** Waits until the service has received {@code total} bytes in all; false if that did not happen in time. */
    synchronized boolean awaitReceived(long total, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received < total) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    private synchronized void addReceived(int n) {
        received += n;
        notifyAll();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    String name() {
        return name;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serveAndClose(s), "demo-" + name + "-" + s.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.warn("demo {} service: accept failed: {}", name, e.getMessage());
                }
            }
        }
    }

    private void serveAndClose(Socket s) {
        try (s) {
            serve(s);
        } catch (SocketException e) {
            // A reset from the proxy is part of the demo (the client-RST connection), not a fault.
            log.debug("demo {} service: {}", name, e.getMessage());
        } catch (IOException e) {
            log.warn("demo {} service: {}", name, e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
