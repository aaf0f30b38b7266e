package dev.synack.soak;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Times GET /metrics on synack's admin server, one scrape after another, each on a connection of its own
 * (closed by the server, so that none is left holding a descriptor in synack) and timed from the connect
 * to the last byte of the answer (in the order taken: the first is the process's first scrape, before the
 * JIT has compiled its path); keeps the first answer's body.
 */
record Scrapes(List<Double> millis, String first) {
    private static final byte[] REQUEST = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    static Scrapes take(int adminPort, int count) throws IOException {
        List<Double> millis = new ArrayList<>(count);
        String first = null;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            String answer = get(adminPort);
            millis.add((System.nanoTime() - t0) / 1e6);
            if (!answer.startsWith("HTTP/1.1 200")) {
                throw new IOException("GET /metrics answered " + answer.lines().findFirst().orElse("nothing"));
            }
            if (first == null) {
                first = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            }
        }
        return new Scrapes(List.copyOf(millis), first);
    }

    private static String get(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(REQUEST);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream(1 << 16);
            in.transferTo(body);
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    int bytes() {
        return first.length();
    }

    /** synack_connections_active for {@code proxy} in the first answer; NaN when absent. */
    double active(String proxy) {
        for (String line : first.split("\n")) {
            if (line.startsWith("synack_connections_active{") && line.contains("proxy=\"" + proxy + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).trim());
            }
        }
        return Double.NaN;
    }
}
