package dev.synack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synack.config.KernelOption;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access log's lines from synthetic events, character for character: a closed connection with the
 * faults that acted on it and both sockets' tcp_info, one without either, a connection a fault refused at
 * accept and one a limit refused.
 */
class AccessLogObserverTest {
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123456Z");
    private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress SERVICE = new InetSocketAddress("127.0.0.2", 8080);

    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private AccessLogObserver observer;

    @BeforeEach
    void logger() {
        Logger logger = new LoggerContext().getLogger("test.access");
        lines.start();
        logger.addAppender(lines);
        observer = new AccessLogObserver(logger, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aClosedConnectionWithItsFaultsAndBothSockets() {
        ConnectionInfo c = connection(7);
        observer.faultApplied("web", c, "lag", "latency", Direction.SERVICE_TO_CLIENT, 1);
        observer.faultApplied("web", c, "lag", "latency", Direction.SERVICE_TO_CLIENT, 2);
        observer.faultApplied("web", c, "cut", "limit_data", Direction.CLIENT_TO_SERVICE, 3);
        int options = KernelOption.TCPI_OPT_TIMESTAMPS | KernelOption.TCPI_OPT_SACK | KernelOption.TCPI_OPT_WSCALE;
        observer.closed(new ConnectionSummary(7, "web", CLIENT, SERVICE, 2, 1_234_567, 98_765_432_100L, 5, 11, 3, 0,
                Peer.CLIENT, CloseReason.CLIENT_FIN, List.of(), List.of(),
                tcpInfo(Map.of("rtt", 51, "minRtt", 12, "totalRetrans", 0, "sndCwnd", 10, "sndMss", 32768, "options", options)),
                tcpInfo(Map.of("rtt", 230, "minRtt", 40, "totalRetrans", 3, "sndCwnd", 7, "sndMss", 1448, "options", 0))));
        assertThat(lines()).containsExactly("{\"time\":\"2025-03-01T12:00:00.123Z\",\"event\":\"closed\",\"proxy\":\"web\","
                + "\"id\":7,\"client\":\"127.0.0.1:40000\",\"upstream\":\"127.0.0.2:8080\",\"attempts\":2,"
                + "\"connect_ms\":1.234,\"duration_ms\":98765.432,"
                + "\"bytes_client_to_service\":5,\"bytes_service_to_client\":11,"
                + "\"discarded_client_to_service\":3,\"discarded_service_to_client\":0,"
                + "\"closed_first\":\"client\",\"reason\":\"client_fin\","
                + "\"faults\":[{\"name\":\"lag\",\"type\":\"latency\",\"direction\":\"service_to_client\"},"
                + "{\"name\":\"cut\",\"type\":\"limit_data\",\"direction\":\"client_to_service\"}],"
                + "\"downstream_tcp\":{\"rtt_us\":51,\"min_rtt_us\":12,\"total_retrans\":0,\"cwnd\":10,\"snd_mss\":32768,"
                + "\"options\":[\"ts\",\"sack\",\"wscale\"]},"
                + "\"upstream_tcp\":{\"rtt_us\":230,\"min_rtt_us\":40,\"total_retrans\":3,\"cwnd\":7,\"snd_mss\":1448,\"options\":[]}}");
    }

    @Test
    void aConnectionThatNeverReachedItsServiceHasNullsWhereNothingHappened() {
        InetSocketAddress v6 = new InetSocketAddress("::1", 40001);
        observer.closed(new ConnectionSummary(8, "web", v6, null, 0, -1, 2_000, 0, 0, 0, 0, Peer.PROXY,
                CloseReason.UPSTREAM_UNREACHABLE, List.of(), List.of()));
        assertThat(lines()).containsExactly("{\"time\":\"2025-03-01T12:00:00.123Z\",\"event\":\"closed\",\"proxy\":\"web\","
                + "\"id\":8,\"client\":\"[0:0:0:0:0:0:0:1]:40001\",\"upstream\":null,\"attempts\":0,\"connect_ms\":null,"
                + "\"duration_ms\":0.002,\"bytes_client_to_service\":0,\"bytes_service_to_client\":0,"
                + "\"discarded_client_to_service\":0,\"discarded_service_to_client\":0,\"closed_first\":\"proxy\","
                + "\"reason\":\"upstream_unreachable\",\"faults\":[],\"downstream_tcp\":null,\"upstream_tcp\":null}");
    }

    @Test
    void theFaultsOfOneConnectionAreForgottenWhenItEnds() {
        ConnectionInfo c = connection(9);
        observer.faultApplied("web", c, "lag", "latency", Direction.SERVICE_TO_CLIENT, 1);
        observer.closed(summary(9));
        observer.closed(summary(9));
        assertThat(lines().get(0)).contains("\"faults\":[{\"name\":\"lag\"");
        assertThat(lines().get(1)).contains("\"faults\":[]");
    }

    @Test
    void aConnectionRefusedByAFaultNamesIt() {
        observer.faultApplied("web", null, "no", "refuse", Direction.CLIENT_TO_SERVICE, 1);
        observer.rejected("web", CLIENT, CloseReason.FAULT, 2);
        assertThat(lines()).containsExactly("{\"time\":\"2025-03-01T12:00:00.123Z\",\"event\":\"rejected\",\"proxy\":\"web\","
                + "\"client\":\"127.0.0.1:40000\",\"reason\":\"fault\","
                + "\"faults\":[{\"name\":\"no\",\"type\":\"refuse\",\"direction\":\"client_to_service\"}]}");
    }

    @Test
    void aLimitRejectionHasNoFaultsAndTakesNoneFromTheNextOne() {
        observer.faultApplied("web", null, "no", "refuse", Direction.CLIENT_TO_SERVICE, 1);
        observer.rejected("web", CLIENT, CloseReason.FAULT, 2);
        observer.rejected("web", CLIENT, CloseReason.LIMIT, 3);
        assertThat(lines().get(1)).isEqualTo("{\"time\":\"2025-03-01T12:00:00.123Z\",\"event\":\"rejected\",\"proxy\":\"web\","
                + "\"client\":\"127.0.0.1:40000\",\"reason\":\"limit\",\"faults\":[]}");
    }

    @Test
    void itAsksForTcpInfo() {
        assertThat(observer.tcpInfoEvery()).isEqualTo(1);
        assertThat(observer.wantsSocketOptions()).isFalse();
    }

    private List<String> lines() {
        return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static ConnectionSummary summary(long id) {
        return new ConnectionSummary(id, "web", CLIENT, SERVICE, 1, 1_000, 2_000, 0, 0, 0, 0, Peer.CLIENT,
                CloseReason.CLIENT_FIN, List.of(), List.of());
    }

    /** A connection whose id is all the access log reads of it. */
    static ConnectionInfo connection(long id) {
        return (ConnectionInfo) Proxy.newProxyInstance(ConnectionInfo.class.getClassLoader(), new Class<?>[] {ConnectionInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "hashCode" -> Long.hashCode(id);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A tcp_info with every field 0 but those named. */
    static TcpInfo tcpInfo(Map<String, Integer> fields) {
        try {
            RecordComponent[] parts = TcpInfo.class.getRecordComponents();
            Object[] values = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                types[i] = parts[i].getType();
                Integer v = fields.get(parts[i].getName());
                values[i] = types[i] == boolean.class ? (Object) false : types[i] == long.class
                        ? (Object) (v == null ? 0L : v.longValue()) : (Object) (v == null ? 0 : v);
            }
            return TcpInfo.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
