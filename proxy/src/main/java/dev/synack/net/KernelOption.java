package dev.synack.net;

/**
 * A kernel socket option as setsockopt(2) names it: level, option number and its C name for messages.
 * Numbers are Linux's (include/uapi/linux/tcp.h, asm-generic/socket.h, linux/in.h, linux/in6.h).
 */
public record KernelOption(String name, int level, int optname) {
    static final int SOL_SOCKET = 1;
    static final int IPPROTO_IP = 0;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IPV6 = 41;

    static KernelOption socket(String name, int optname) {
        return new KernelOption(name, SOL_SOCKET, optname);
    }

    static KernelOption tcp(String name, int optname) {
        return new KernelOption(name, IPPROTO_TCP, optname);
    }

    @Override
    public String toString() {
        return name;
    }
}
