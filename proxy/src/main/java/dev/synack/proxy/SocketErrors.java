package dev.synack.proxy;

import dev.synack.observe.ConnectOutcome;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.NotYetConnectedException;

/**
 * Classifies the exceptions the transports raise for a peer's RST. epoll and io_uring report
 * {@code NativeIoException} with errno ECONNRESET (-104), or EPIPE (-32) when a write meets a socket the
 * peer already reset; NIO reports {@code SocketException: Connection reset} or {@code Broken pipe}.
 * A {@code shutdown()} on a socket whose RST arrived but was not read yet fails with ENOTCONN, which
 * Netty raises as {@link NotYetConnectedException}: synack only shuts down established sockets, so
 * there it means the same reset.
 */
final class SocketErrors {
    private static final int ECONNRESET = -104;
    private static final int EPIPE = -32;
    private static final int ECONNREFUSED = -111;
    private static final int ETIMEDOUT = -110;
    private static final int EMFILE = -24;
    private static final int ENFILE = -23;

    private SocketErrors() {}

    static boolean isReset(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotYetConnectedException) {
                return true;
            }
            if (t instanceof Errors.NativeIoException nie) {
                int errno = nie.expectedErr();
                if (errno == ECONNRESET || errno == EPIPE) {
                    return true;
                }
            }
            if (t instanceof SocketException || t instanceof IOException) {
                String m = t.getMessage();
                if (m != null && (m.contains("Connection reset") || m.contains("Broken pipe"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** 1 when {@code cause} is EMFILE (this process's fd limit), 2 when ENFILE (the system's), else 0. */
    static int fdShortage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Errors.NativeIoException nie) {
                if (nie.expectedErr() == EMFILE) {
                    return 1;
                }
                if (nie.expectedErr() == ENFILE) {
                    return 2;
                }
            }
            String m = t.getMessage();
            if (m != null && m.contains("Too many open files in system")) {
                return 2;
            }
            if (m != null && m.contains("Too many open files")) {
                return 1;
            }
        }
        return 0;
    }

    /** What a failed connect attempt's exception says happened. */
    static ConnectOutcome connectOutcome(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return ConnectOutcome.UNRESOLVED;
            }
            if (t instanceof ConnectTimeoutException) {
                return ConnectOutcome.TIMEOUT;
            }
            if (t instanceof Errors.NativeIoException nie) {
                switch (nie.expectedErr()) {
                    case ECONNREFUSED: return ConnectOutcome.REFUSED;
                    case ETIMEDOUT: return ConnectOutcome.TIMEOUT;
                    case ECONNRESET: return ConnectOutcome.RESET;
                    case EMFILE, ENFILE: return ConnectOutcome.FD_LIMIT;
                    default: break;
                }
            }
            String m = t.getMessage();
            if (m != null) {
                if (t instanceof ConnectException && m.contains("Connection refused")) {
                    return ConnectOutcome.REFUSED;
                }
                if (m.contains("Too many open files")) {
                    return ConnectOutcome.FD_LIMIT;
                }
                if (m.contains("Connection reset")) {
                    return ConnectOutcome.RESET;
                }
                if (m.contains("timed out")) {
                    return ConnectOutcome.TIMEOUT;
                }
            }
        }
        return ConnectOutcome.ERROR;
    }

    /** A short description for logs: the exception's message, or its class when it has none. */
    static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m != null ? m : cause.getClass().getSimpleName();
    }
}
