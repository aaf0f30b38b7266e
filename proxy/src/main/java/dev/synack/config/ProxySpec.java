package dev.synack.config;

import java.util.List;

/**
 * One proxy: a listener in front of an ordered list of upstreams.
 *
 * @param onUpstreamFailure what the client gets when no upstream could be reached
 * @param onPeerReset what the other leg gets when one leg reads an RST
 * @param downstream options of the listener and the accepted (client-facing) sockets
 * @param upstreamSocket options of the sockets synack opens to the service
 * @param faults the faults every new connection starts with, in the order they apply to its bytes
 */
public record ProxySpec(
        String name,
        HostPort listen,
        List<HostPort> upstreams,
        ConnectSpec connect,
        CloseAction onUpstreamFailure,
        CloseAction onPeerReset,
        LimitsSpec limits,
        BufferSpec buffers,
        SocketSpec downstream,
        SocketSpec upstreamSocket,
        List<FaultSpec> faults) {
    public ProxySpec {
        upstreams = List.copyOf(upstreams);
        faults = List.copyOf(faults);
    }
}
