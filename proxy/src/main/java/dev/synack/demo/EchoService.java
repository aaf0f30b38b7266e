package dev.synack.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Reads everything a connection sends until its FIN, then sends it all back and closes. Answering only
 * after the FIN shows a half-close at work: every byte back travels after the client stopped sending.
 */
final class EchoService extends LoopbackService {
    EchoService(InetSocketAddress bindTo) throws IOException {
        super("echo", bindTo);
    }

    @Override
    void serve(Socket socket) throws IOException {
        InputStream in = input(socket);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            got.write(buf, 0, n);
        }
        socket.getOutputStream().write(got.toByteArray());
        socket.getOutputStream().flush();
    }
}
