package dev.synack.mirror;

import dev.synack.net.Transport;
import dev.synack.testkit.EachTransport;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * The mirror against the kernel over real sockets through synack, on every transport: at each checkpoint
 * both proxy sockets' mirrors must agree with what the kernel reports, and each socket's timeline must be
 * the one the scenario implies. Prints the table of scenarios, checkpoints and agreements at the end.
 */
class MirrorConformanceTest {
    private static TimeWaitScenario timeWait;

    @BeforeAll
    static void beginTimeWait() throws Exception {
        timeWait = TimeWaitScenario.begin();
    }

    /** The TIME_WAIT scenario ends last (its 60 s overlap the others), then the table. */
    @AfterAll
    static void finishTimeWaitAndPrintTheTable() {
        try (TimeWaitScenario tw = timeWait) {
            tw.finish();
        } finally {
            ConformanceTable.print(System.out);
        }
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

    @EachTransport
    void clientResets(Transport t) throws Exception {
        EndingScenarios.clientResets(t);
    }

    @EachTransport
    void serviceResets(Transport t) throws Exception {
        EndingScenarios.serviceResets(t);
    }

    @EachTransport
    void clientResetsAfterItsFin(Transport t) throws Exception {
        EndingScenarios.resetAfterHalfClose(t);
    }

    @EachTransport
    void upstreamRefused(Transport t) throws Exception {
        EndingScenarios.upstreamRefused(t);
    }

    @EachTransport
    void upstreamRefusedAndTheClientGetsAFin(Transport t) throws Exception {
        EndingScenarios.upstreamUnreachableGetsAFin(t);
    }

    @EachTransport
    void failoverToASecondUpstream(Transport t) throws Exception {
        EndingScenarios.failoverThenFin(t);
    }

    @EachTransport
    void upstreamConnectTimeout(Transport t) throws Exception {
        EndingScenarios.connectTimeout(t);
    }

    @EachTransport
    void idleTimeout(Transport t) throws Exception {
        EndingScenarios.idleTimeout(t);
    }

    @EachTransport
    void closeWaitWhileTheClientStopsReading(Transport t) throws Exception {
        StallScenarios.clientStopsReading(t);
    }

    @EachTransport
    void closeWaitWhileAHoldFinFaultHoldsTheClientsFin(Transport t) throws Exception {
        FaultScenarios.holdFin(t);
    }

    /** In a network namespace: the service's link goes down, keepalive (1 s, 1 s, 2 probes) ends the upstream socket. */
    @EachTransport
    void keepaliveEndsASilentService(Transport t) throws Exception {
        Map<String, String> probe = NamespaceScenarios.results();
        String p = "keepalive." + t.configName() + ".";
        assertThat(probe.get(p + "passed")).as("%s%n%s", probe.get(p + "failure"), NamespaceScenarios.diagram("keepalive." + t.configName()))
                .isEqualTo("true");
        assertThat(probe.get(p + "note")).startsWith("ETIMEDOUT: keepalive: the service answered none of the probes");
        System.out.println(NamespaceScenarios.diagram("keepalive." + t.configName()));
    }

    /** In a network namespace with net.ipv4.tcp_fastopen=3: data in the SYN on both legs, and the mirror agrees. */
    @EachTransport
    void fastOpenCarriesDataInTheSyn(Transport t) throws Exception {
        Assumptions.assumeTrue(t.isNative(), "NIO has no TCP Fast Open");
        Map<String, String> probe = NamespaceScenarios.results();
        String p = "tfo." + t.configName() + ".";
        assertThat(probe.get(p + "passed")).as("%s", probe.get(p + "failure")).isEqualTo("true");
        System.out.println(NamespaceScenarios.diagram("tfo." + t.configName()));
    }
}
