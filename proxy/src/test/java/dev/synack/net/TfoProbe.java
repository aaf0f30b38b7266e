package dev.synack.net;

import dev.synack.observe.OptionReading;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs TCP Fast Open through a tuned proxy inside a network namespace where net.ipv4.tcp_fastopen=3
 * (started by {@link TfoProofTest}) and prints what the kernel reports as {@code probe key=value} lines:
 * tcp_info options of the client, of both proxy sockets and of the service's accepted socket, the
 * proxy's fast_open readings, and the TcpExt TFO counters before and after.
 *
 * <p>The service listens with TFO; the proxy listens with {@code fast_open: 256} and connects upstream
 * with {@code fast_open: true}; the client is an epoll socket with the kernel's TCP_FASTOPEN_CONNECT.
 * Connection 1 fetches the cookies; connections 2+ carry their data in the SYN on both legs.
 */
public final class TfoProbe {
    static final int CONNECTIONS = 4;
    private static final List<String> COUNTERS = List.of("TCPFastOpenActive", "TCPFastOpenPassive", "TCPFastOpenCookieReqd",
            "TCPFastOpenActiveFail", "TCPFastOpenPassiveFail");

    private TfoProbe() {}

    public static void main(String[] args) throws Exception {
        out("sysctl.tcp_fastopen", KernelLimits.current().tcpFastopen());
        out("epoll.tfo_server_side_available", Epoll.isTcpFastOpenServerSideAvailable());
        for (String name : args) {
            Transport t = Transport.valueOf(name);
            if (t.isAvailable()) {
                run(t, t.configName() + ".");
            }
        }
        out("done", true);
        System.out.flush();
        System.exit(0);
    }

    private static void run(Transport t, String prefix) throws Exception {
        EventLoopGroup group = t.newGroup(1);
        EventLoopGroup clientGroup = Transport.EPOLL.newGroup(1);
        try {
            LinkedBlockingQueue<TcpInfo> serviceAccepted = new LinkedBlockingQueue<>();
            Channel service = echoService(t, group, serviceAccepted);
            ProbeRelay relay = new ProbeRelay(t, group, (InetSocketAddress) service.localAddress());
            Channel proxy = relay.bind();
            Map<String, Long> before = netstat();
            SocketTuner client = SocketTuner.upstream(Specs.of("fastOpen", 1), Transport.EPOLL);
            for (int i = 1; i <= CONNECTIONS; i++) {
                String p = prefix + "conn." + i + ".";
                CompletableFuture<Void> echoed = new CompletableFuture<>();
                byte[] msg = ("ping " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                Channel c = LoopbackPair.connect(Transport.EPOLL, client, (InetSocketAddress) proxy.localAddress(),
                        new ChannelInboundHandlerAdapter() {
                            int got;
                            @Override public void channelRead(ChannelHandlerContext ctx, Object m) {
                                got += ((ByteBuf) m).readableBytes();
                                ((ByteBuf) m).release();
                                if (got >= msg.length) {
                                    echoed.complete(null);
                                }
                            }
                        });
                c.writeAndFlush(Unpooled.wrappedBuffer(msg));
                echoed.get(10, TimeUnit.SECONDS);
                ProbeRelay.Session s = relay.sessions.poll(10, TimeUnit.SECONDS);
                options(p + "client", TcpInfoReader.read(c));
                options(p + "proxy_accepted", Optional.of(s.acceptedInfo()));
                options(p + "proxy_upstream", s.upstream().eventLoop().submit(() -> TcpInfoReader.read(s.upstream())).get());
                options(p + "service_accepted", Optional.ofNullable(serviceAccepted.poll(10, TimeUnit.SECONDS)));
                readings(p + "proxy_accepted.reading.", s.acceptedReadings());
                readings(p + "proxy_upstream.reading.", s.upstream().eventLoop().submit(() -> relay.up.read(s.upstream())).get());
                c.close().sync();
            }
            Map<String, Long> after = netstat();
            for (String k : COUNTERS) {
                out(prefix + "netstat." + k + ".before", before.getOrDefault(k, -1L));
                out(prefix + "netstat." + k + ".after", after.getOrDefault(k, -1L));
            }
            proxy.close().sync();
            service.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** A TFO listener that echoes, recording the tcp_info of each socket it accepts. */
    private static Channel echoService(Transport t, EventLoopGroup group, LinkedBlockingQueue<TcpInfo> accepted)
            throws InterruptedException {
        SocketTuner down = SocketTuner.downstream(Specs.of("fastOpen", 256), t);
        ServerBootstrap sb = new ServerBootstrap().group(group).channel(t.serverChannel())
                .handler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) { down.beforeBind(ch); }
                })
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override protected void initChannel(Channel ch) {
                        TcpInfoReader.read(ch).ifPresent(accepted::add);
                        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                            @Override public void channelRead(ChannelHandlerContext ctx, Object m) { ctx.writeAndFlush(m); }
                        });
                    }
                });
        down.configure(sb);
        return sb.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    private static void options(String key, Optional<TcpInfo> info) {
        out(key + ".options", info.map(i -> String.valueOf(i.options())).orElse("none"));
        out(key + ".option_names", info.map(TcpInfo::optionNames).orElse("none"));
    }

    private static void readings(String prefix, List<OptionReading> readings) {
        for (OptionReading r : readings) {
            if (r.name().equals("fast_open")) {
                out(prefix + r.name(), r.effective() + (r.note() == null ? "" : " (" + r.note() + ")"));
            }
        }
    }

    /** TcpExt counters of this network namespace. */
    static Map<String, Long> netstat() throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(Path.of("/proc/net/netstat"))) {
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        Map<String, Long> m = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith("TcpExt:") && lines[i + 1].startsWith("TcpExt:")) {
                String[] names = lines[i].split("\\s+");
                String[] values = lines[i + 1].split("\\s+");
                for (int j = 1; j < names.length && j < values.length; j++) {
                    m.put(names[j], Long.parseLong(values[j]));
                }
                break;
            }
        }
        return m;
    }

    private static void out(String key, Object value) {
        System.out.println("probe " + key + "=" + value);
    }

    /** A minimal relay tuned like synack's: downstream fast_open 256, upstream fast_open true. */
    static final class ProbeRelay {
        record Session(TcpInfo acceptedInfo, List<OptionReading> acceptedReadings, Channel upstream) {}

        final Transport t;
        final EventLoopGroup group;
        final InetSocketAddress service;
        final SocketTuner down;
        final SocketTuner up;
        final LinkedBlockingQueue<Session> sessions = new LinkedBlockingQueue<>();

        ProbeRelay(Transport t, EventLoopGroup group, InetSocketAddress service) {
            this.t = t;
            this.group = group;
            this.service = service;
            this.down = SocketTuner.downstream(Specs.of("fastOpen", 256), t);
            this.up = SocketTuner.upstream(Specs.of("fastOpen", 1), t);
        }

        Channel bind() throws InterruptedException {
            ServerBootstrap sb = new ServerBootstrap().group(group).channel(t.serverChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override protected void initChannel(Channel ch) { down.beforeBind(ch); }
                    })
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override protected void initChannel(Channel ch) { accepted(ch); }
                    });
            down.configure(sb);
            return sb.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        }

        private void accepted(Channel child) {
            down.onAccepted(child);
            TcpInfo info = TcpInfoReader.read(child).orElseThrow();
            List<OptionReading> readings = down.read(child);
            Bootstrap b = new Bootstrap().group(child.eventLoop()).channel(t.socketChannel())
                    .handler(new ChannelInitializer<Channel>() {
                        @Override protected void initChannel(Channel u) {
                            up.beforeConnect(u);
                            u.pipeline().addLast(new Forward(child));
                        }
                    });
            up.configure(b);
            b.connect(service).addListener(f -> {
                Channel u = ((io.netty.channel.ChannelFuture) f).channel();
                if (!f.isSuccess()) {
                    child.close();
                    return;
                }
                up.afterConnect(u);
                child.pipeline().addLast(new Forward(u));
                child.config().setAutoRead(true);
                sessions.add(new Session(info, readings, u));
            });
        }
    }

    /** Writes what one leg reads to the other leg; closes the other leg when this one closes. */
    static final class Forward extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Forward(Channel other) {
            this.other = other;
        }

        @Override public void channelRead(ChannelHandlerContext ctx, Object msg) { other.writeAndFlush(msg); }

        @Override public void channelInactive(ChannelHandlerContext ctx) { other.close(); }
    }
}
