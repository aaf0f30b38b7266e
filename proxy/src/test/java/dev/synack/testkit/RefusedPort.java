package dev.synack.testkit;

import dev.synack.config.HostPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A loopback port nobody listens on (bound once by the kernel's choice, then closed): connects get RST. */
public final class RefusedPort {
    private RefusedPort() {}

    public static HostPort find() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return new HostPort("127.0.0.1", s.getLocalPort());
        }
    }
}
