package dev.synack.admin;

import dev.synack.admin.model.ApiError;
import dev.synack.admin.model.ApiException;
import java.util.function.IntSupplier;

/** Go's view of a listen address, for the fake backend: how it resolves, and what a bind reports. */
final class FakeListen {
    private FakeListen() {}

    /** As {@code net.ResolveTCPAddr(...).String()}: {@code localhost} is 127.0.0.1, no host is empty; unparsable stays as is. */
    static String resolve(String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            return listen;
        }
        String host = listen.substring(0, colon);
        String port = listen.substring(colon + 1);
        return switch (host) {
            case "localhost" -> "127.0.0.1:" + port;
            case "" -> ":" + port;
            default -> listen;
        };
    }

    /** As {@code listener.Addr().String()} after {@code net.Listen("tcp", listen)}. */
    static String bind(String listen, IntSupplier freePort) throws ApiException {
        if (listen.isEmpty()) {
            return "[::]:" + freePort.getAsInt();
        }
        int colon = listen.lastIndexOf(':');
        if (colon < 0) {
            throw ApiError.LISTEN_FAILED.exception("listen tcp: address " + listen + ": missing port in address");
        }
        String host = listen.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ApiError.LISTEN_FAILED.exception("listen tcp: address " + listen + ": invalid port");
        }
        port = port == 0 ? freePort.getAsInt() : port;
        return switch (host) {
            case "", "0.0.0.0", "[::]" -> "[::]:" + port;
            case "localhost" -> "127.0.0.1:" + port;
            default -> host + ":" + port;
        };
    }
}
