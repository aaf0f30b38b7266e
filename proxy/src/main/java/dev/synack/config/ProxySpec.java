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

    /** A proxy with every option at its default: what the admin API creates from a name, listen and upstream. */
    public static ProxySpec of(String name, HostPort listen, HostPort upstream) {
        return new ProxySpec(name, listen, List.of(upstream), ConnectSpec.DEFAULT, Defaults.ON_UPSTREAM_FAILURE,
                Defaults.ON_PEER_RESET, LimitsSpec.DEFAULT, BufferSpec.DEFAULT, SocketSpec.DEFAULT, SocketSpec.DEFAULT, List.of());
    }

    public ProxySpec withName(String name) {
        return new ProxySpec(name, listen, upstreams, connect, onUpstreamFailure, onPeerReset, limits, buffers, downstream,
                upstreamSocket, faults);
    }

    public ProxySpec withListen(HostPort listen) {
        return new ProxySpec(name, listen, upstreams, connect, onUpstreamFailure, onPeerReset, limits, buffers, downstream,
                upstreamSocket, faults);
    }

    public ProxySpec withUpstreams(List<HostPort> upstreams) {
        return new ProxySpec(name, listen, upstreams, connect, onUpstreamFailure, onPeerReset, limits, buffers, downstream,
                upstreamSocket, faults);
    }

    public ProxySpec withFaults(List<FaultSpec> faults) {
        return new ProxySpec(name, listen, upstreams, connect, onUpstreamFailure, onPeerReset, limits, buffers, downstream,
                upstreamSocket, faults);
    }
}
