package dev.synack.mirror;

import dev.synack.net.Transport;
import dev.synack.testkit.EachTransport;
import org.junit.jupiter.api.AfterAll;

/**
 * The mirror against the kernel over real sockets through synack, on every transport: at each checkpoint
 * both proxy sockets' mirrors must agree with what the kernel reports, and each socket's timeline must be
 * the one the scenario implies. Prints the table of scenarios, checkpoints and agreements at the end.
 */
class MirrorConformanceTest {
    @AfterAll
    static void printTable() {
        ConformanceTable.print(System.out);
    }

    @EachTransport
    void clientClosesFirst(Transport t) throws Exception {
        ClosingScenarios.clientClosesFirst(t);
    }

    @EachTransport
    void serviceClosesFirst(Transport t) throws Exception {
        ClosingScenarios.serviceClosesFirst(t);
    }

    @EachTransport
    void clientHalfClosesWhileTheServiceKeepsSending(Transport t) throws Exception {
        ClosingScenarios.clientHalfClosesWhileServiceSends(t);
    }

    @EachTransport
    void serviceHalfClosesWhileTheClientKeepsSending(Transport t) throws Exception {
        ClosingScenarios.serviceHalfClosesWhileClientSends(t);
    }

    @EachTransport
    void bothCloseAtOnce(Transport t) throws Exception {
        ClosingScenarios.bothCloseAtOnce(t);
    }
}
