package dev.synack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.testkit.EchoServer;
import dev.synack.testkit.TestSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension in a static field: one synack for the class, everything a test changed undone after it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SynackExtensionTest {
    static final EchoServer ECHO = EchoServer.start();

    @RegisterExtension
    static final SynackExtension SYNACK = SynackExtension.proxy("echo", () -> ECHO.hostPort().toString())
            .and("second", () -> ECHO.hostPort().toString());

    private static int port;

    @AfterAll
    static void stopEcho() {
        ECHO.close();
    }

    @Test
    @Order(1)
    void aTestChangesEverything() throws Exception {
        port = SYNACK.proxy("echo").port();
        SYNACK.proxy("echo").fault("slicer", "downstream", Map.of("average_size", 1));
        SYNACK.proxy("second").disable();
        SYNACK.server().proxy("extra", ECHO.hostPort().toString());
        try (TestSocket s = TestSocket.connect(SYNACK.proxy("echo").address())) {
            assertThat(s.roundTrip("sliced")).isEqualTo("sliced");
        }
    }

    @Test
    @Order(2)
    void theNextOneFindsItUndoneOnTheSameSynack() throws Exception {
        assertThat(SYNACK.proxy("echo").port()).as("the same synack, the same proxy").isEqualTo(port);
        assertThat(SYNACK.server().synack().registry().get("echo").orElseThrow().faults()).isEmpty();
        assertThat(SYNACK.server().synack().registry().get("second").orElseThrow().isListening()).isTrue();
        assertThat(SYNACK.server().synack().registry().get("extra")).as("a proxy the test added is gone").isEmpty();
        try (TestSocket s = TestSocket.connect(SYNACK.proxy("second").address())) {
            assertThat(s.roundTrip("whole")).isEqualTo("whole");
        }
    }
}
