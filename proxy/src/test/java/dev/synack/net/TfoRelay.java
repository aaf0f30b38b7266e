package dev.synack.net;

import dev.synack.observe.TcpInfo;
import dev.synack.observe.OptionReading;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/** A proxy under TFO test: started in front of a service, it reports what it saw of each proxied connection. */
interface TfoRelay extends AutoCloseable {
    /** The proxy's two sockets of one connection: tcp_info where the relay can read it, and the tuner's readings. */
    record Seen(Optional<TcpInfo> accepted, Optional<TcpInfo> upstream, List<OptionReading> acceptedReadings,
                List<OptionReading> upstreamReadings) {}

    InetSocketAddress start(InetSocketAddress bind, InetSocketAddress service) throws Exception;

    /** What the relay saw of the connection that was just echoed through it. */
    Seen next() throws Exception;
}
