package dev.synack.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Reads everything a connection sends until its FIN, then sends it all back and closes. Answering only
 * after the FIN shows a half-close at work: every byte back travels after the client stopped sending.
 */
final class EchoService extends LoopbackService {
    private long received;

    EchoService(InetSocketAddress bindTo) throws IOException {
        super("echo", bindTo);
    }

    @Override
    void serve(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            got.write(buf, 0, n);
            addReceived(n);
        }
        socket.getOutputStream().write(got.toByteArray());
        socket.getOutputStream().flush();
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
}
