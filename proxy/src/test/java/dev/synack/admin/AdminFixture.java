package dev.synack.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.function.UnaryOperator;

/** An admin server on 127.0.0.1, a free port, over a {@link FakeBackend}; {@link #close()} stops it. */
public final class AdminFixture implements AutoCloseable {
    public static final String VERSION = "0.1.0-test";

    public final FakeBackend backend = new FakeBackend();
    final AdminServer server;

    public AdminFixture() throws IOException {
        this(s -> s);
    }

    public AdminFixture(UnaryOperator<AdminSettings> tune) throws IOException {
        server = AdminServer.start(tune.apply(AdminSettings.of("127.0.0.1", 0, VERSION)), backend);
    }

    public InetSocketAddress address() {
        return server.address();
    }

    public String url() {
        return "http://127.0.0.1:" + address().getPort();
    }

    RawHttp.Response call(String method, String path, String body, String... headers) throws IOException {
        return RawHttp.send(address(), method, path, body, headers);
    }

    @Override
    public void close() {
        server.close();
    }
}
