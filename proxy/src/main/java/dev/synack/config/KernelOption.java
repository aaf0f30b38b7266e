package dev.synack.config;

/**
 * A kernel socket option as setsockopt(2) names it: level, option number and its C name for messages.
 * Every Linux number synack uses is declared here once, from the kernel's uapi headers
 * (linux/socket.h, asm-generic/socket.h, linux/in.h, linux/in6.h, linux/tcp.h); the options of the
 * socket option table are declared in {@link SocketOption}, the others below.
 */
public record KernelOption(String name, int level, int optname) {
    public static final int SOL_SOCKET = 1;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_IPV6 = 41;

    /** The socket's address family (AF_INET 2, AF_INET6 10). */
    public static final KernelOption SO_DOMAIN = socket("SO_DOMAIN", 39);
    public static final KernelOption IP_TOS = new KernelOption("IP_TOS", IPPROTO_IP, 1);
    public static final KernelOption IPV6_TCLASS = new KernelOption("IPV6_TCLASS", IPPROTO_IPV6, 67);
    public static final KernelOption TCP_CORK = tcp("TCP_CORK", 3);
    /** struct tcp_info, read-only. */
    public static final KernelOption TCP_INFO = tcp("TCP_INFO", 11);
    /** The congestion control algorithm's name: at most 15 bytes and a NUL (TCP_CA_NAME_MAX 16). */
    public static final KernelOption TCP_CONGESTION = tcp("TCP_CONGESTION", 13);
    /** Repair mode: a socket closed in it is freed sending neither FIN nor RST (needs CAP_NET_ADMIN). */
    public static final KernelOption TCP_REPAIR = tcp("TCP_REPAIR", 19);

    /** Bits of tcp_info's {@code tcpi_options}: what the handshake negotiated, and how TCP Fast Open went. */
    public static final int TCPI_OPT_TIMESTAMPS = 0x01;
    public static final int TCPI_OPT_SACK = 0x02;
    public static final int TCPI_OPT_WSCALE = 0x04;
    public static final int TCPI_OPT_ECN = 0x08;
    public static final int TCPI_OPT_ECN_SEEN = 0x10;
    /** The SYN carried data that the peer acknowledged (set on both ends of a TFO connection). */
    public static final int TCPI_OPT_SYN_DATA = 0x20;
    public static final int TCPI_OPT_USEC_TS = 0x40;
    /** The connection was accepted through TCP Fast Open (set on the accepted socket). */
    public static final int TCPI_OPT_TFO_CHILD = 0x80;

    static KernelOption socket(String name, int optname) {
        return new KernelOption(name, SOL_SOCKET, optname);
    }

    static KernelOption tcp(String name, int optname) {
        return new KernelOption(name, IPPROTO_TCP, optname);
    }

    /** The same level and number under another name for messages ({@code TCP_INFO tcpi_options}). */
    KernelOption named(String otherName) {
        return new KernelOption(otherName, level, optname);
    }

    @Override
    public String toString() {
        return name;
    }
}
