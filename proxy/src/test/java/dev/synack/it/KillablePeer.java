package dev.synack.it;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A client or a service in a process of its own, for a test to kill with SIGKILL mid-transfer. Modes:
 * {@code listen-send} (a service that writes {@link PositionalStream} forever), {@code listen-hold} (a
 * service that never reads), {@code connect-send HOST PORT} and {@code connect-hold HOST PORT} (the same
 * as clients). A listener prints {@code port N}; a holder prints {@code unread N} once bytes wait unread
 * in its socket, which is what makes the kernel answer its death with an RST instead of a FIN.
 */
public final class KillablePeer {
    private KillablePeer() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Socket s;
        if (mode.startsWith("listen")) {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                System.out.println("port " + server.getLocalPort());
                s = server.accept();
            }
        } else {
            s = new Socket();
            s.connect(new InetSocketAddress(args[1], Integer.parseInt(args[2])), 10_000);
            System.out.println("connected " + s.getLocalPort());
        }
        if (mode.endsWith("send")) {
            send(s.getOutputStream());
        } else {
            hold(s.getInputStream());
        }
    }

    private static void send(OutputStream out) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        for (long offset = 0; ; offset += chunk.length) {
            PositionalStream.fill(chunk, offset);
            out.write(chunk);
        }
    }

    private static void hold(InputStream in) throws Exception {
        boolean told = false;
        while (true) {
            int unread = in.available(); // FIONREAD: bytes in the socket's receive queue, never read
            if (unread > 0 && !told) {
                System.out.println("unread " + unread);
                told = true;
            }
            Thread.sleep(10);
        }
    }
}
