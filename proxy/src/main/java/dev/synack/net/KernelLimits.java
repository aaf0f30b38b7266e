package dev.synack.net;

/**
 * The few sysctls that explain why an effective option differs from the requested one, read once per
 * process (they are per network namespace, and a process stays in its namespace). -1 when unreadable.
 */
record KernelLimits(int rmemMax, int wmemMax, int somaxconn, int tcpFastopen) {
    private static volatile KernelLimits current;

    static KernelLimits current() {
        KernelLimits k = current;
        if (k == null) {
            Sysctls sys = Sysctls.system();
            k = new KernelLimits(read(sys, "net.core.rmem_max"), read(sys, "net.core.wmem_max"),
                    read(sys, "net.core.somaxconn"), read(sys, "net.ipv4.tcp_fastopen"));
            current = k;
        }
        return k;
    }

    private static int read(Sysctls sys, String name) {
        return (int) sys.readLong(name).orElse(-1);
    }
}
