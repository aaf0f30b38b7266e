package dev.synack.config;

/**
 * When a socket option is applied: the moment the kernel needs it, which is not always the moment Netty
 * would choose.
 */
public enum OptionStage {
    /** On the listening socket, before bind and listen; options the handshake needs are inherited by accepted sockets. */
    LISTENER,
    /** On an accepted socket, before its first read. */
    CHILD,
    /** On an upstream socket, before connect (so the SYN already carries it). */
    UPSTREAM,
    /** On an upstream socket once it is connected (options the kernel resets or ignores before). */
    AFTER_CONNECT
}
