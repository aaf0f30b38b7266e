package dev.synack.net;

import dev.synack.observe.TcpInfo;
import dev.synack.observe.OptionReading;
import dev.synack.testkit.Specs;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
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
 * Runs TCP Fast Open through a proxy inside a network namespace where net.ipv4.tcp_fastopen=3 (started
 * by {@link TfoProofTest}) and prints what the kernel reports as {@code probe key=value} lines: tcp_info
 * options of the client, of the proxy's sockets where readable and of the service's accepted socket,
 * the proxy's fast_open readings, and the TcpExt TFO counters before and after.
 *
 * <p>Arguments: {@code TRANSPORT:RELAY:PROXY_IP:SERVICE_IP}..., RELAY {@code netty} ({@link TfoNettyRelay})
 * or {@code synack} ({@link TfoSynackRelay}). Each run uses its own loopback addresses because TFO
 * cookies are cached per destination address: connection 1 of a run fetches the cookies of both legs,
 * connections 2+ carry their data in the SYN. The client is an epoll socket with the kernel's
 * TCP_FASTOPEN_CONNECT; the service listens with TFO and echoes.
 */
public final class TfoProbe {
    static final int CONNECTIONS = 4;
    private static final List<String> COUNTERS = List.of("TCPFastOpenActive", "TCPFastOpenPassive", "TCPFastOpenCookieReqd",
            "TCPFastOpenActiveFail", "TCPFastOpenPassiveFail");

    private TfoProbe() {}

    public static void main(String[] args) throws Exception {
        out("sysctl.tcp_fastopen", KernelLimits.current().tcpFastopen());
        out("epoll.tfo_server_side_available", Epoll.isTcpFastOpenServerSideAvailable());
        for (String arg : args) {
            String[] a = arg.split(":");
            Transport t = Transport.valueOf(a[0]);
            TfoRelay relay = a[1].equals("synack") ? new TfoSynackRelay(t) : new TfoNettyRelay(t);
            run(t, relay, t.configName() + "." + a[1] + ".", a[2], a[3]);
        }
        out("done", true);
        System.out.flush();
        System.exit(0);
    }

    private static void run(Transport t, TfoRelay relay, String prefix, String proxyIp, String serviceIp) throws Exception {
        EventLoopGroup group = t.newGroup(1);
        try (relay) {
            LinkedBlockingQueue<TcpInfo> serviceAccepted = new LinkedBlockingQueue<>();
            Channel service = echoService(t, group, new InetSocketAddress(serviceIp, 0), serviceAccepted);
            InetSocketAddress proxy = relay.start(new InetSocketAddress(proxyIp, 0), (InetSocketAddress) service.localAddress());
            Map<String, Long> before = netstat();
            SocketTuner client = SocketTuner.upstream(Specs.of("fastOpen", 1), Transport.EPOLL);
            for (int i = 1; i <= CONNECTIONS; i++) {
                String p = prefix + "conn." + i + ".";
                Channel c = echoOnce(client, proxy, ("ping " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                TfoRelay.Seen seen = relay.next();
                options(p + "client", TcpInfoReader.read(c));
                seen.accepted().ifPresent(x -> options(p + "proxy_accepted", Optional.of(x)));
                seen.upstream().ifPresent(x -> options(p + "proxy_upstream", Optional.of(x)));
                options(p + "service_accepted", Optional.ofNullable(serviceAccepted.poll(10, TimeUnit.SECONDS)));
                readings(p + "proxy_accepted.reading.", seen.acceptedReadings());
                readings(p + "proxy_upstream.reading.", seen.upstreamReadings());
                c.close().sync();
            }
            Map<String, Long> after = netstat();
            for (String k : COUNTERS) {
                out(prefix + "netstat." + k + ".before", before.getOrDefault(k, -1L));
                out(prefix + "netstat." + k + ".after", after.getOrDefault(k, -1L));
            }
            service.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Connects through the proxy, writes {@code msg} right after connect and waits for its echo. */
    private static Channel echoOnce(SocketTuner client, InetSocketAddress proxy, byte[] msg) throws Exception {
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        Channel c = LoopbackPair.connect(Transport.EPOLL, client, proxy, new ChannelInboundHandlerAdapter() {
            private int got;

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
        return c;
    }

    /** A TFO listener that echoes, recording the tcp_info of each socket it accepts. */
    private static Channel echoService(Transport t, EventLoopGroup group, InetSocketAddress bind, LinkedBlockingQueue<TcpInfo> accepted)
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
                            @Override public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) { ctx.close(); }
                        });
                    }
                });
        down.configure(sb);
        return sb.bind(bind).sync().channel();
    }

    private static void options(String key, Optional<TcpInfo> info) {
        out(key + ".options", info.map(i -> String.valueOf(i.options())).orElse("none"));
        out(key + ".option_names", info.map(TcpInfo::optionNames).orElse("none"));
    }

    private static void readings(String prefix, List<OptionReading> readings) {
        for (OptionReading r : readings == null ? List.<OptionReading>of() : readings) {
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
}
