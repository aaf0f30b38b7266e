package dev.synack.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * An HTTP/1.1 client for {@link AdminFuzzTest} that keeps its connection alive between requests, as
 * Toxiproxy's clients do, and opens a new one after an answer that closes it (a 413, or a request the server
 * could not read). Each answer comes with the time it took; an answer not complete within the bound is a
 * {@link java.net.SocketTimeoutException}.
 */
final class FuzzHttp implements AutoCloseable {
    /** An answer and how long it took from the first byte sent. */
    record Answer(RawHttp.Response response, long nanos) {}

    private final InetSocketAddress server;
    private final int boundMillis;
    private Socket socket;
    private long connections;

    FuzzHttp(InetSocketAddress server, Duration bound) {
        this.server = server;
        this.boundMillis = (int) bound.toMillis();
    }

    /**
     * Sends one request and reads its answer. The server closes a connection only after an answer that says
     * {@code Connection: close}; a connection that ends otherwise is a failure, not something to try again.
     */
    Answer send(String method, String path, String contentType, byte[] body) throws IOException {
        String[] headers = contentType == null ? new String[0] : new String[] {"Content-Type: " + contentType};
        try {
            return exchange(RawHttp.requestOfBytes(method, path, body, false, headers));
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Answer exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = RawHttp.connect(server);
            socket.setSoTimeout(boundMillis);
            connections++;
        }
        long start = System.nanoTime();
        RawHttp.write(socket, request);
        RawHttp.Response r = RawHttp.read(socket.getInputStream());
        long took = System.nanoTime() - start;
        if ("close".equalsIgnoreCase(r.header("Connection"))) {
            close();
        }
        return new Answer(r, took);
    }

    /** How many connections the client has opened so far. */
    long connections() {
        return connections;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing to do: the next request opens a new connection.
            }
            socket = null;
        }
    }
}
