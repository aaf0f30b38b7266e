package dev.synack.proxy;

/**
 * A marker written into a socket's outbound path behind bytes the epoll transport spliced to it: once it
 * is written, so are those {@code n} bytes (the socket's outbound queue keeps its order), and the
 * {@link OutboundTail} reports them written, as it does copied bytes.
 */
record SplicedBytes(int n) {
}
