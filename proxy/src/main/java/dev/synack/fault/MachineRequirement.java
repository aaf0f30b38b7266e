package dev.synack.fault;

import java.util.Optional;

/**
 * An ability of a fault type that needs more than a JVM: privileges, a native transport or a tool. Config
 * checks, the admin API and {@code synack doctor} ask it, so such a fault fails up front with a message
 * saying what is missing, never silently on a connection.
 */
public interface MachineRequirement {
    /**
     * What this machine lacks to run the fault, in words a user can act on, or empty when it can run it.
     *
     * @param nativeTransport whether the proxy runs on epoll or io_uring (not NIO)
     */
    Optional<String> missing(boolean nativeTransport);
}
