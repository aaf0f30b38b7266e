package dev.synack.demo;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A tiny HTTP/1.1 responder: answers every request with the same short text, keeps the connection open
 * for the next request (HTTP/1.1 keep-alive) and closes when the client does or asks for
 * {@code Connection: close}. Request bodies are not read: the demo and curl send none.
 */
final class HttpResponder extends LoopbackService {
    static final String BODY = "hello from the synack demo\n";
    static final String RESPONSE = "HTTP/1.1 200 OK\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: " + BODY.length() + "\r\n"
            + "\r\n"
            + BODY;
    private static final int MAX_HEAD = 16 * 1024;

    HttpResponder(InetSocketAddress bindTo) throws IOException {
        super("http", bindTo);
    }

    @Override
    void serve(Socket socket) throws IOException {
        InputStream in = new BufferedInputStream(input(socket));
        OutputStream out = socket.getOutputStream();
        for (String head; (head = readHead(in)) != null; ) {
            out.write(RESPONSE.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close")) {
                return;
            }
        }
    }

    /** The request line and headers up to the blank line, or null at EOF. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head over " + MAX_HEAD + " bytes");
            }
        }
        return null;
    }
}
