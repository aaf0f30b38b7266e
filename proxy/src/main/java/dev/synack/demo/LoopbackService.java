package dev.synack.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small blocking TCP service for the demo: accepts on its own thread and serves each connection on a
 * daemon thread of its own. Plain JDK sockets keep the services independent of the proxy they sit behind.
 */
abstract class LoopbackService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LoopbackService.class);

    private final ServerSocket server;
    private final String name;

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
