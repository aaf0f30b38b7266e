package dev.synack.net;

import io.netty.channel.unix.Errors;
import java.util.Map;

/**
 * Names the errno behind a failed setsockopt/getsockopt. Netty reports the native failure as a
 * ChannelException carrying only strerror's text, so the text is mapped back to the errno it stands for.
 */
final class Errnos {
    private static final Map<String, String> BY_TEXT = Map.ofEntries(
            Map.entry("Operation not permitted", "EPERM"),
            Map.entry("No such file or directory", "ENOENT"),
            Map.entry("Bad file descriptor", "EBADF"),
            Map.entry("Permission denied", "EACCES"),
            Map.entry("Device or resource busy", "EBUSY"),
            Map.entry("Invalid argument", "EINVAL"),
            Map.entry("Protocol not available", "ENOPROTOOPT"),
            Map.entry("Operation not supported", "EOPNOTSUPP"),
            Map.entry("Transport endpoint is already connected", "EISCONN"),
            Map.entry("Transport endpoint is not connected", "ENOTCONN"));

    private Errnos() {}

    /** {@code EPERM (Operation not permitted)}, or the exception's message when no errno is recognisable. */
    static String describe(Throwable t) {
        if (t instanceof Errors.NativeIoException n) {
            return "errno " + (-n.expectedErr()) + " (" + n.getMessage() + ")";
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        for (Map.Entry<String, String> e : BY_TEXT.entrySet()) {
            if (msg.endsWith(e.getKey())) {
                return e.getValue() + " (" + e.getKey() + ")";
            }
        }
        return msg;
    }
}
