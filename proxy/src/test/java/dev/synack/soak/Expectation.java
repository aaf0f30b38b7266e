package dev.synack.soak;

import dev.synack.testkit.Digest;
import dev.synack.testkit.Ending;
import dev.synack.testkit.Received;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What each scenario must end with, checked on all three views of one connection: the client's, the
 * service's and synack's record. Every byte either side wrote must have reached the other intact (equal
 * SHA-256) where the scenario lets it through; each read side must end as the scenario says (FIN or RST);
 * the record must name an allowed close reason and count exactly the bytes relayed.
 */
final class Expectation {
    private Expectation() {}

    /** The problems found; empty when the connection ended as its scenario says. {@code service} is null where none is expected. */
    static List<String> check(Header h, ClientView client, ServiceView service, Record record) {
        Scenario sc = h.scenario();
        List<String> problems = new ArrayList<>();
        if (!sc.reasons.contains(dev.synack.observe.CloseReason.valueOf(record.reason().toUpperCase(java.util.Locale.ROOT)))) {
            problems.add("close reason " + record.reason() + ", expected one of " + sc.reasons);
        }
        long c2s = sc.reachesService() ? Header.SIZE + sc.up : 0;
        long s2c = sc.reachesService() ? sc.down : 0;
        if (cutByIdleTimeout(h, record)) {
            s2c = 0;
        }
        if (record.clientToService() != c2s || record.serviceToClient() != s2c) {
            problems.add("synack counted c->s " + record.clientToService() + " B, s->c " + record.serviceToClient()
                    + " B; expected " + c2s + " and " + s2c);
        }
        switch (sc) {
            case CHURN -> {
                same(problems, "echo at the client", client.received().digest(), client.sent());
                ended(problems, "service read", service.received(), Ending.EOF, client.sent());
            }
            case CLIENT_FIN_FIRST, SERVICE_FIN_FIRST, DUPLEX, LONG -> {
                ended(problems, "client read", client.received(), Ending.EOF, service.sent());
                ended(problems, "service read", service.received(), Ending.EOF, client.sent());
                if (service.sendFailure() != null) {
                    problems.add("the service's write failed: " + service.sendFailure());
                }
            }
            case CLIENT_RST -> {
                if (!client.ackSeen()) {
                    problems.add("the client got no acknowledgement before its reset");
                }
                ended(problems, "service read", service.received(), Ending.RESET, client.sent());
            }
            case SERVICE_RST -> {
                ended(problems, "client read", client.received(), Ending.RESET, service.sent());
                if (!service.ackSeen()) {
                    problems.add("the service got no acknowledgement before its reset");
                }
            }
            case IDLE -> {
                Digest expected = cutByIdleTimeout(h, record) ? dev.synack.testkit.Payload.EMPTY.digest() : service.sent();
                ended(problems, "client read", client.received(), Ending.EOF, expected);
                ended(problems, "service read", service.received(), Ending.EOF, new Digest(0, dev.synack.testkit.Payload.EMPTY.digest().sha256()));
            }
            case REFUSED, BLACKHOLED -> ended(problems, "client read", client.received(), Ending.RESET,
                    dev.synack.testkit.Payload.EMPTY.digest());
        }
        return problems;
    }

    /**
     * An idle connection whose service took longer than the idle timeout to answer (a stalled machine): the
     * timeout rightly ended it first, and the service's bytes, arriving after synack's FIN, were discarded.
     * The client must then have got nothing, and synack must have counted nothing.
     */
    static boolean cutByIdleTimeout(Header h, Record record) {
        return h.scenario() == Scenario.IDLE && record.serviceToClient() == 0
                && record.reason().equals(dev.synack.observe.CloseReason.IDLE_TIMEOUT.key());
    }

    private static void ended(List<String> problems, String what, Received r, Ending ending, Digest expected) {
        if (r == null) {
            problems.add(what + ": nothing read");
            return;
        }
        if (r.ending() != ending) {
            problems.add(what + " ended by " + r.ending() + (r.failure() == null ? "" : " (" + r.failure() + ")") + ", expected " + ending);
        }
        same(problems, what, r.digest(), expected);
    }

    private static void same(List<String> problems, String what, Digest got, Digest expected) {
        if (!Objects.equals(got, expected)) {
            problems.add(what + ": " + got + ", expected " + expected);
        }
    }
}
