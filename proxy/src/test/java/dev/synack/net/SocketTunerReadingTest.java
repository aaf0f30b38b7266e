package dev.synack.net;

import dev.synack.config.SocketOption;
import dev.synack.testkit.Specs;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synack.config.SocketSpec;
import dev.synack.observe.OptionReading;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** What the readings of a tuned socket contain: every applicable option, the notes, and refused options. */
class SocketTunerReadingTest {

    static Stream<Transport> transports() {
        return TransportChoice.available().stream();
    }

    static Stream<Transport> nativeTransports() {
        return transports().filter(Transport::isNative);
    }

    @ParameterizedTest
    @MethodSource("transports")
    void readsEveryApplicableOptionEvenWhenConfigSetsNone(Transport t) throws Exception {
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of(Map.of()), Specs.of(Map.of()))) {
            assertThat(names(p.down.readListener(p.listener))).containsExactlyElementsOf(
                    expected(SocketOption.readOnListener(), t));
            assertThat(names(p.down.read(p.accepted))).containsExactlyElementsOf(expected(SocketOption.readOnAccepted(), t));
            assertThat(names(p.up.read(p.client))).containsExactlyElementsOf(expected(SocketOption.readOnUpstream(), t));
            assertThat(p.up.read(p.client)).allSatisfy(r -> assertThat(r.requested()).isNull());
            assertThat(p.up.read(p.client)).filteredOn(r -> r.name().equals("nodelay"))
                    .singleElement().extracting(OptionReading::effective).isEqualTo("true");
        }
    }

    /**
     * TCP_NODELAY is on for an accepted socket by default (on epoll it comes from the listener, which the kernel
     * copies into each socket it accepts) and off when config asks for off.
     */
    @ParameterizedTest
    @MethodSource("transports")
    void anAcceptedSocketHasNodelayAsAsked(Transport t) throws Exception {
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of(Map.of()), Specs.of(Map.of()))) {
            assertThat(reading(p.down.read(p.accepted), "nodelay").effective()).isEqualTo("true");
        }
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of("nodelay", false), Specs.of(Map.of()))) {
            OptionReading r = reading(p.down.read(p.accepted), "nodelay");
            assertThat(r.requested()).isEqualTo("false");
            assertThat(r.effective()).isEqualTo("false");
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void rcvbufAboveRmemMaxIsCappedThenDoubledAndSaysSo(Transport t) throws Exception {
        int rmemMax = KernelLimits.current().rmemMax();
        Assumptions.assumeTrue(rmemMax > 0 && rmemMax < (1 << 28), "net.core.rmem_max unreadable or huge: " + rmemMax);
        SocketSpec spec = Specs.of("rcvbuf", rmemMax * 2);
        try (LoopbackPair p = LoopbackPair.open(t, spec, spec)) {
            OptionReading r = reading(p.up.read(p.client), "rcvbuf");
            assertThat(r.requested()).isEqualTo(String.valueOf(rmemMax * 2));
            assertThat(r.effective()).isEqualTo(String.valueOf(rmemMax * 2));
            assertThat(r.note()).contains("capped at net.core.rmem_max=" + rmemMax);
            assertThat(reading(p.down.readListener(p.listener), "rcvbuf").note()).contains("capped at net.core.rmem_max");
        }
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void anOptionTheKernelRefusesIsLoggedWithItsErrnoAndShownWithTheValueInEffect(Transport t) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SocketTuner.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of(Map.of()), Specs.of("congestion", "no-such-cc"))) {
            String inEffect = reading(p.down.read(p.accepted), "congestion").effective();
            OptionReading r = reading(p.up.read(p.client), "congestion");
            assertThat(r.requested()).isEqualTo("no-such-cc");
            assertThat(r.effective()).isEqualTo(inEffect).isNotEqualTo("no-such-cc");
            assertThat(r.note()).startsWith("not applied: ENOENT");
            assertThat(appender.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .contains("upstream_socket.congestion", "TCP_CONGESTION", "no-such-cc", "ENOENT", "in effect: " + inEffect);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void kernelDefaultsAreHonouredWithoutAWarningOnEveryTransport(Transport t) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SocketTuner.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        SocketSpec down = Specs.of(Map.of("fastOpen", 0, "userTimeout", Duration.ZERO, "deferAccept", Duration.ZERO, "tos", 0));
        SocketSpec up = Specs.of(Map.of("fastOpen", 0, "userTimeout", Duration.ZERO, "tos", 0));
        try (LoopbackPair p = LoopbackPair.open(t, down, up)) {
            List<OptionReading> all = new java.util.ArrayList<>(p.down.readListener(p.listener));
            all.addAll(p.down.read(p.accepted));
            all.addAll(p.up.read(p.client));
            assertThat(all).filteredOn(r -> r.note() != null && r.note().startsWith("not applied")).isEmpty();
            assertThat(all).filteredOn(r -> r.requested() != null).allSatisfy(r ->
                    assertThat(r.effective()).as(r.name()).isIn("0", "0s", "false"));
            assertThat(appender.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN).isEmpty();
        } finally {
            logger.detachAppender(appender);
        }
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void listenerFastOpenWithoutTheServerBitIsNotedAsIgnored(Transport t) throws Exception {
        int bits = KernelLimits.current().tcpFastopen();
        Assumptions.assumeTrue(bits >= 0 && (bits & 2) == 0, "net.ipv4.tcp_fastopen=" + bits + " has the server bit");
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of("fastOpen", 16), Specs.of(Map.of()))) {
            OptionReading r = reading(p.down.readListener(p.listener), "fast_open");
            assertThat(r.effective()).isEqualTo("16");
            assertThat(r.note()).isEqualTo("ignored by the kernel: net.ipv4.tcp_fastopen=" + bits + " lacks the server bit (2)");
            assertThat(reading(p.down.read(p.accepted), "fast_open").effective()).isEqualTo("false");
        }
    }

    @ParameterizedTest
    @MethodSource("nativeTransports")
    void backlogAboveSomaxconnIsCappedAndSaysSo(Transport t) throws Exception {
        int somaxconn = KernelLimits.current().somaxconn();
        Assumptions.assumeTrue(somaxconn > 0 && somaxconn < 65535, "net.core.somaxconn unreadable or huge: " + somaxconn);
        try (LoopbackPair p = LoopbackPair.open(t, Specs.of("backlog", 65535), Specs.of(Map.of()))) {
            OptionReading r = reading(p.down.readListener(p.listener), "backlog");
            assertThat(r.requested()).isEqualTo("65535");
            assertThat(r.effective()).isEqualTo(String.valueOf(somaxconn));
            assertThat(r.note()).isEqualTo("capped at net.core.somaxconn=" + somaxconn);
        }
    }

    private static OptionReading reading(List<OptionReading> readings, String name) {
        return readings.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<String> names(List<OptionReading> readings) {
        return readings.stream().map(OptionReading::name).toList();
    }

    private static List<String> expected(List<SocketOption> options, Transport t) {
        return options.stream().filter(o -> o.supports(t.kind())).map(SocketOption::configName).toList();
    }
}
