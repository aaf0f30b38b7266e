package dev.synack.testkit;

import dev.synack.config.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * An upstream whose handshake never completes: a listener with backlog 1 that never accepts, whose
 * accept queue is filled with connections. With a full accept queue Linux drops further SYNs (even with
 * tcp_syncookies=1), so a connect to it hangs until the connector's timeout. The factory proves it:
 * it keeps connecting until one connect times out.
 */
public final class BlackHole implements AutoCloseable {
    private static final int PROBE_TIMEOUT_MS = 150;
    private static final int MAX_FILLERS = 16;

    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    private BlackHole() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    public static BlackHole start() throws IOException {
        BlackHole hole = new BlackHole();
        try {
            hole.fill();
            return hole;
        } catch (IOException | RuntimeException e) {
            hole.close();
            throw e;
        }
    }

    private void fill() throws IOException {
        for (int i = 0; i < MAX_FILLERS; i++) {
            Socket s = new Socket();
            try {
                s.connect(listener.getLocalSocketAddress(), PROBE_TIMEOUT_MS);
                fillers.add(s);
            } catch (SocketTimeoutException e) {
                s.close();
                return;
            }
        }
        throw new IllegalStateException("the kernel kept completing handshakes on a full accept queue ("
                + MAX_FILLERS + " connections): no black hole on this machine");
    }

    public HostPort hostPort() {
        return new HostPort("127.0.0.1", listener.getLocalPort());
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
    }

    @Override
    public void close() throws IOException {
        for (Socket s : fillers) {
            s.close();
        }
        listener.close();
    }
}
