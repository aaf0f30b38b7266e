package dev.synack.doctor;

import dev.synack.net.Sysctls;
import dev.synack.net.Transport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What this JVM's Netty concluded from {@code net.ipv4.tcp_fastopen} when its native transport loaded.
 * Netty reads the sysctl once, at class initialisation, and sets TCP_FASTOPEN on a listener only if the
 * server bit was there then; a sysctl fixed later takes effect only after a restart.
 */
interface Jvm {
    /** Nothing known about a JVM: used when the sysctls examined are not this machine's. */
    Jvm NONE = transport -> Optional.empty();

    /** This JVM, asked only about native transports that can load here. */
    Jvm CURRENT = Transport::fastOpenServerSide;

    /** Whether the transport will set TCP_FASTOPEN on listeners, as decided when it loaded; empty if unknown. */
    Optional<Boolean> tfoServer(Transport transport);

    /** The JVM that matters for a set of sysctls: this one for the real /proc/sys, none for a stand-in. */
    static Jvm forSysctls(Sysctls sysctls) {
        return sysctls.root().equals(Path.of("/proc/sys")) ? CURRENT : NONE;
    }
}
