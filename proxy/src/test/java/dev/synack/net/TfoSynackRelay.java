package dev.synack.net;

import dev.synack.app.Synack;
import dev.synack.config.AdminSpec;
import dev.synack.config.BufferSpec;
import dev.synack.config.CloseAction;
import dev.synack.config.ConnectSpec;
import dev.synack.config.HostPort;
import dev.synack.config.LimitsSpec;
import dev.synack.config.ProxySpec;
import dev.synack.config.ShutdownSpec;
import dev.synack.config.SynackConfig;
import dev.synack.config.TransportKind;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.OptionReading;
import dev.synack.observe.Side;
import dev.synack.testkit.Specs;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * synack itself, configured with {@code downstream.fast_open: 256} and {@code upstream_socket.fast_open: true}.
 * Its sockets are its own, so what it shows of them is its option readings (the accepted socket's
 * fast_open reading comes from tcpi_options TFO_CHILD and SYN_DATA); no raw tcp_info.
 */
final class TfoSynackRelay implements TfoRelay {
    private final Transport t;
    private final LinkedBlockingQueue<List<OptionReading>> accepted = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<List<OptionReading>> connected = new LinkedBlockingQueue<>();
    private Synack synack;

    TfoSynackRelay(Transport t) {
        this.t = t;
    }

    @Override
    public InetSocketAddress start(InetSocketAddress bind, InetSocketAddress service) throws Exception {
        ProxySpec proxy = new ProxySpec("tfo", new HostPort(bind.getHostString(), bind.getPort()),
                List.of(new HostPort(service.getHostString(), service.getPort())), ConnectSpec.DEFAULT,
                CloseAction.RESET, CloseAction.RESET, LimitsSpec.DEFAULT, BufferSpec.DEFAULT,
                Specs.of(Map.of("nodelay", true, "fastOpen", 256)), Specs.of(Map.of("nodelay", true, "fastOpen", 1)), List.of());
        SynackConfig cfg = new SynackConfig(new AdminSpec(null), TransportKind.valueOf(t.name()),
                new ShutdownSpec(Duration.ofSeconds(1)), List.of(proxy));
        synack = Synack.start(cfg, List.of(new ConnectionObserver() {
            @Override public boolean wantsSocketOptions() { return true; }
            @Override public void accepted(ConnectionInfo c, long at) { accepted.add(c.options(Side.DOWNSTREAM)); }
            @Override public void connected(ConnectionInfo c, InetSocketAddress target, long nanos, long at) {
                connected.add(c.options(Side.UPSTREAM));
            }
        }));
        return synack.address("tfo");
    }

    @Override
    public Seen next() throws InterruptedException {
        return new Seen(Optional.empty(), Optional.empty(), accepted.poll(10, TimeUnit.SECONDS), connected.poll(10, TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        if (synack != null) {
            synack.shutdown(Duration.ofSeconds(1));
        }
    }
}
