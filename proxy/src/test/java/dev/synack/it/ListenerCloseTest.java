package dev.synack.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synack.net.Transport;
import dev.synack.proxy.ProxyRegistry;
import dev.synack.testkit.EachTransport;
import dev.synack.testkit.EchoServer;
import dev.synack.testkit.RunningProxy;
import dev.synack.testkit.TestConfigs;
import dev.synack.testkit.TestSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Closing a listener on purpose (disable, shutdown) is not an accept failure: io_uring fails the accept it
 * has in flight when the socket is shut down (EINVAL), and that must not be logged as "accept failed" nor
 * make the listener back off.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerCloseTest {

    @EachTransport
    void disablingAProxyLogsNoAcceptFailure(Transport transport) throws Exception {
        Logger admission = (Logger) LoggerFactory.getLogger("dev.synack.proxy.Admission");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        admission.addAppender(logged);
        try (EchoServer echo = EchoServer.start();
             RunningProxy proxy = RunningProxy.start(TestConfigs.proxy(transport, echo.hostPort()))) {
            ProxyRegistry registry = proxy.synack().registry();
            for (int i = 0; i < 3; i++) {
                try (TestSocket c = TestSocket.connect(proxy.address())) {
                    assertThat(c.roundTrip("listening")).isEqualTo("listening");
                }
                registry.disable(TestConfigs.PROXY, false);
                registry.enable(TestConfigs.PROXY);
            }
            // Without the fix, io_uring's failed accept is logged within milliseconds of each close.
            Awaitility.await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> logged.list.stream().noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)));
        } finally {
            admission.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
