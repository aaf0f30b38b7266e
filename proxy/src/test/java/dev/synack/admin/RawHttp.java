package dev.synack.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a socket, for tests that must control every byte sent (no User-Agent unless
 * asked, bodies sent slowly, oversized, malformed) and see every byte answered.
 */
final class RawHttp {
    /** One response; header names in lower case. */
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {}

    /** Sends one request on a new connection ({@code Connection: close}) and reads the response. */
    static Response send(InetSocketAddress server, String method, String path, String body, String... headers) throws IOException {
        try (Socket s = connect(server)) {
            s.getOutputStream().write(request(method, path, body, true, headers));
            return read(s.getInputStream());
        }
    }

    static Socket connect(InetSocketAddress server) throws IOException {
        Socket s = new Socket();
        s.connect(server, 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    static byte[] request(String method, String path, String body, boolean close, String... headers) {
        return requestOfBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), close, headers);
    }

    /** A request with a body of any bytes, valid UTF-8 or not; {@code body} null for none. */
    static byte[] requestOfBytes(String method, String path, byte[] body, boolean close, String... headers) {
        byte[] content = body == null ? new byte[0] : body;
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        if (java.util.Arrays.stream(headers).noneMatch(h -> h.regionMatches(true, 0, "Host:", 0, 5))) {
            sb.append("Host: test\r\n");
        }
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        if (body != null) {
            sb.append("Content-Length: ").append(content.length).append("\r\n");
        }
        if (close) {
            sb.append("Connection: close\r\n");
        }
        byte[] head = sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + content.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(content, 0, all, head.length, content.length);
        return all;
    }

    static void write(Socket s, byte[] bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(bytes);
        out.flush();
    }

    /** Reads one response: status line, headers, and a body of {@code Content-Length} bytes (none for 204). */
    static Response read(InputStream in) throws IOException {
        String status = line(in);
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; !(l = line(in)).isEmpty(); ) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).toLowerCase(Locale.ROOT), l.substring(colon + 1).strip());
        }
        int length = headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
