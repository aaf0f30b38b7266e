package dev.synack.proxy;

import io.netty.channel.unix.Errors;
import java.net.BindException;
import java.nio.channels.UnresolvedAddressException;

/** Says in plain words why a listener could not bind, for config errors and API answers. */
final class BindErrors {
    private static final int EACCES = -13;
    private static final int EADDRINUSE = -98;
    private static final int EADDRNOTAVAIL = -99;

    private BindErrors() {}

    static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "the host name does not resolve";
            }
            if (t instanceof Errors.NativeIoException n) {
                switch (n.expectedErr()) {
                    case EADDRINUSE: return "address already in use";
                    case EADDRNOTAVAIL: return "not an address of this machine";
                    case EACCES: return "permission denied (ports below 1024 need privileges)";
                    default: break;
                }
            }
            String m = t.getMessage();
            if (m != null) {
                if (m.contains("Address already in use")) {
                    return "address already in use";
                }
                if (m.contains("Cannot assign requested address")) {
                    return "not an address of this machine";
                }
                if (m.contains("Permission denied")) {
                    return "permission denied (ports below 1024 need privileges)";
                }
            }
            if (t instanceof BindException && m != null) {
                return m;
            }
        }
        String m = cause.getMessage();
        return m != null ? m : "bind failed";
    }
}
