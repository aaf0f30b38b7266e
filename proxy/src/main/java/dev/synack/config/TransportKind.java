package dev.synack.config;

/** The I/O transport asked for in config; {@code AUTO} picks epoll, then io_uring, then NIO. */
public enum TransportKind {
    AUTO, EPOLL, IO_URING, NIO;

    /** The spelling used in config files ({@code io_uring}). */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
