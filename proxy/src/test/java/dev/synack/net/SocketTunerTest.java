package dev.synack.net;

import dev.synack.testkit.Specs;
import static dev.synack.config.SocketOption.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.KeepaliveSpec;
import dev.synack.observe.OptionReading;
import io.netty.channel.Channel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every option of the table, on both sides, on every transport that can apply it: real loopback
 * sockets tuned by {@link SocketTuner}, then checked three ways — the tuner's reading, a getsockopt
 * with the option's literal number, and {@code ss} where ss shows the option.
 */
class SocketTunerTest {
    private static final int SOL_SOCKET = 1, TCP = 6, IP = 0;
    private static final KeepaliveSpec KA_ON = new KeepaliveSpec(true, null, null, null);

    static final List<OptionCase> CASES = List.of(
            new OptionCase(NODELAY, "nodelay", false, false, TCP, 1, null, "false", "false", null, null),
            new OptionCase(KEEPALIVE, "keepalive", KA_ON, KA_ON, SOL_SOCKET, 9, null, "true", "true", null,
                    c -> assertKeepaliveTimer(c, 7200)),
            new OptionCase(KEEPALIVE_IDLE, "keepalive", ka(Duration.ofSeconds(60), null, null), ka(Duration.ofSeconds(60), null, null),
                    TCP, 4, null, "60s", "60s", null, c -> assertKeepaliveTimer(c, 60)),
            new OptionCase(KEEPALIVE_INTERVAL, "keepalive", ka(null, Duration.ofSeconds(10), null), ka(null, Duration.ofSeconds(10), null),
                    TCP, 5, null, "10s", "10s", null, null),
            new OptionCase(KEEPALIVE_COUNT, "keepalive", ka(null, null, 5), ka(null, null, 5), TCP, 6, null, "5", "5", null, null),
            new OptionCase(LINGER, "linger", Duration.ZERO, Duration.ZERO, SOL_SOCKET, 13, null, "0s", "0s", null, null),
            new OptionCase(RCVBUF, "rcvbuf", 262144, 262144, SOL_SOCKET, 8, "524288", "524288", "524288", "doubles",
                    c -> assertSkmem(c, "rb", true)),
            new OptionCase(SNDBUF, "sndbuf", 262144, 262144, SOL_SOCKET, 7, null, "524288", "524288", "doubles",
                    c -> assertSkmem(c, "tb", false)),
            new OptionCase(WINDOW_CLAMP, "windowClamp", 65536, 65536, TCP, 10, "65536", "65536", "65536", null,
                    c -> assertRcvWscale(c, 1)),
            new OptionCase(MAX_SEGMENT, "maxSegment", 1000, 1000, TCP, 2, "1000", "988", "988", null,
                    c -> assertField(c, "\\bmss:(\\d+)", "988")),
            new OptionCase(USER_TIMEOUT, "userTimeout", Duration.ofSeconds(5), Duration.ofMillis(2500), TCP, 18,
                    null, "5s", "2500ms", null, null),
            new OptionCase(QUICKACK, "quickack", true, true, TCP, 12, null, "true", "true", null, null),
            new OptionCase(TOS, "tos", 16, 16, IP, 1, null, "16", "16", null, SocketTunerTest::assertTosAndTclass),
            new OptionCase(CONGESTION, "congestion", "reno", "reno", TCP, 13, null, "reno", "reno", null,
                    c -> assertField(c, "\\s(reno|cubic|bbr)\\s", "reno")),
            new OptionCase(NOTSENT_LOWAT, "notsentLowat", 16384, 16384, TCP, 25, null, "16384", "16384", null, null),
            new OptionCase(FAST_OPEN, "fastOpen", 256, null, TCP, 23, "256", null, null, null, null),
            new OptionCase(FAST_OPEN_CONNECT, "fastOpen", null, 1, TCP, 30, null, null, "true", null, null),
            new OptionCase(BACKLOG, "backlog", 100, null, TCP, -1, "100", null, null, null,
                    c -> assertThat(SsView.sendQ(c.view().listener())).isEqualTo("100")),
            new OptionCase(REUSE_PORT, "reusePort", true, null, SOL_SOCKET, 15, "true", null, null, null,
                    SocketTunerTest::assertSecondListenerBinds),
            new OptionCase(DEFER_ACCEPT, "deferAccept", Duration.ofSeconds(5), null, TCP, 9, "7s", null, null, "rounds up", null));

    static Stream<Arguments> cases() {
        return TransportChoice.available().stream()
                .flatMap(t -> CASES.stream().filter(c -> c.option().supports(t.kind())).map(c -> Arguments.of(t, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void appliesTheOptionAndReadsBackTheKernelValue(Transport t, OptionCase c) throws Exception {
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of(c.field(), c.down()), Specs.of(c.field(), c.up()))) {
            SoftAssertions soft = new SoftAssertions();
            check(soft, c, "listener", p.down.readListener(p.listener), p.listener, c.onListener());
            check(soft, c, "accepted", p.down.read(p.accepted), p.accepted, c.onAccepted());
            check(soft, c, "upstream", p.up.read(p.client), p.client, c.onUpstream());
            if (c.ss() != null && SsView.available()) {
                SsView view = SsView.of(p.port());
                soft.check(() -> c.ss().accept(new OptionCase.Checked(p, view)));
            }
            soft.assertAll();
        }
    }

    private static void check(SoftAssertions soft, OptionCase c, String socket, List<OptionReading> readings, Channel ch,
                              Object expected) throws Exception {
        if (expected == null) {
            return;
        }
        // fast_open is read on accepted sockets too (FAST_OPEN_CHILD, never requested): take the requested one
        OptionReading r = readings.stream().filter(x -> x.name().equals(c.option().configName()) && x.requested() != null)
                .findFirst().orElse(null);
        soft.assertThat(r).as("%s reading of %s: %s", socket, c, readings).isNotNull();
        if (r == null) {
            return;
        }
        soft.assertThat(r.effective()).as("%s effective %s", socket, c).isEqualTo(expected);
        if (c.note() != null) {
            soft.assertThat(r.note()).as("%s note of %s", socket, c).contains(c.note());
        }
        if (ch instanceof UnixChannel && c.optname() >= 0) {
            soft.assertThat(rawKernelValue(ch, c)).as("%s getsockopt(%d, %d) of %s", socket, c.level(), c.optname(), c)
                    .isEqualTo(kernelExpectation(c, expected));
        }
    }

    /** getsockopt with the literal numbers of the case, independent of the table's access code. */
    static Object rawKernelValue(Channel ch, OptionCase c) throws Exception {
        Socket fd = (Socket) ((UnixChannel) ch).fd();
        if (c.option() == CONGESTION) {
            ByteBuffer b = ByteBuffer.allocate(16);
            fd.getRawOpt(c.level(), c.optname(), b);
            return new String(b.array(), StandardCharsets.US_ASCII).replace("\0", "");
        }
        if (c.option() == LINGER) {
            return fd.getSoLinger();
        }
        return fd.getIntOpt(c.level(), c.optname());
    }

    /** The rendered expectation in the kernel's units. */
    private static Object kernelExpectation(OptionCase c, Object expected) {
        String s = expected.toString();
        return switch (s) {
            case "true" -> 1;
            case "false" -> 0;
            default -> {
                if (c.option() == CONGESTION) {
                    yield s;
                }
                if (s.endsWith("ms")) {
                    yield Integer.parseInt(s.substring(0, s.length() - 2));
                }
                if (s.endsWith("s")) {
                    int secs = Integer.parseInt(s.substring(0, s.length() - 1));
                    yield c.option() == USER_TIMEOUT ? secs * 1000 : secs;
                }
                yield Integer.parseInt(s);
            }
        };
    }

    private static KeepaliveSpec ka(Duration idle, Duration interval, Integer count) {
        return new KeepaliveSpec(true, idle, interval, count);
    }

    private static void assertKeepaliveTimer(OptionCase.Checked c, int idleSeconds) {
        for (String r : new String[] {c.view().accepted(), c.view().client()}) {
            String timer = SsView.find(r, "timer:\\(keepalive,([^,]+),");
            assertThat(timer).as("keepalive timer in %s", r).isNotNull();
            long secs = timer.endsWith("min") ? 60L * Long.parseLong(timer.replace("min", ""))
                    : timer.endsWith("ms") ? 0 : Long.parseLong(timer.replace("sec", ""));
            assertThat(secs).as("keepalive timer %s", timer).isBetween(idleSeconds - 120L, (long) idleSeconds);
        }
    }

    private static void assertSkmem(OptionCase.Checked c, String field, boolean listenerToo) {
        String[] records = listenerToo ? new String[] {c.view().listener(), c.view().accepted(), c.view().client()}
                : new String[] {c.view().accepted(), c.view().client()};
        for (String r : records) {
            assertThat(SsView.find(r, "skmem:\\([^)]*\\b" + field + "(\\d+)")).as("skmem %s of %s", field, r).isEqualTo("524288");
        }
    }

    private static void assertRcvWscale(OptionCase.Checked c, int wscale) {
        for (String r : new String[] {c.view().accepted(), c.view().client()}) {
            assertThat(SsView.find(r, "wscale:\\d+,(\\d+)")).as("receive window scale of %s", r).isEqualTo(String.valueOf(wscale));
        }
    }

    private static void assertField(OptionCase.Checked c, String regex, String expected) {
        for (String r : new String[] {c.view().accepted(), c.view().client()}) {
            assertThat(SsView.find(r, regex)).as("%s in %s", regex, r).isEqualTo(expected);
        }
    }

    /**
     * ss shows the IPv4 TOS of the peers; on a dual-stack AF_INET6 socket (io_uring's) IPV6_TCLASS (41,
     * 67) must carry the same byte, while an AF_INET socket (epoll's for IPv4) has no IPV6_TCLASS.
     */
    private static void assertTosAndTclass(OptionCase.Checked c) {
        assertField(c, "\\btos:(0x[0-9a-f]+)", "0x10");
        for (Channel ch : new Channel[] {c.pair().accepted, c.pair().client}) {
            try {
                Socket fd = (Socket) ((UnixChannel) ch).fd();
                if (fd.getIntOpt(1, 39) != 10) { // SO_DOMAIN is AF_INET
                    continue;
                }
                assertThat(fd.getIntOpt(41, 67)).as("IPV6_TCLASS of %s", ch).isEqualTo(16);
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** SO_REUSEPORT shows in behaviour, not in ss: a second tuned listener can bind the same port. */
    private static void assertSecondListenerBinds(OptionCase.Checked c) {
        LoopbackPair p = c.pair();
        try {
            Channel second = LoopbackPair.listen(p.transport, p.down, p.port(), new java.util.concurrent.CompletableFuture<>());
            second.close().sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
