package dev.synack.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, prints what synack reported during it: every event and summary recorded by each
 * {@link RunningProxy} the test started. The failing assertion says what went wrong; this says how the
 * session got there.
 */
public final class EventsOnFailure implements BeforeEachCallback, TestWatcher {
    private static final ThreadLocal<List<RunningProxy>> STARTED = ThreadLocal.withInitial(ArrayList::new);

    static void started(RunningProxy proxy) {
        STARTED.get().add(proxy);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        STARTED.get().clear();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        StringBuilder out = new StringBuilder("synack events during the failed test ").append(context == null ? "" : context.getDisplayName()).append(':');
        for (RunningProxy p : STARTED.get()) {
            long t0 = p.observer().events().isEmpty() ? 0 : p.observer().events().get(0).nanos();
            for (RecordingObserver.Event e : p.observer().events()) {
                out.append(String.format("%n  %+8.1f ms  #%d %s %s%s%s%s%s", (e.nanos() - t0) / 1e6, e.connection(), e.kind(),
                        e.side() == null ? "" : e.side(),
                        e.address() == null ? "" : " " + e.address(),
                        e.reason() == null ? "" : " " + e.reason(),
                        e.cause() == null ? "" : " " + e.cause(),
                        e.fault() == null ? "" : " " + e.fault() + " (" + e.faultType() + ")"));
            }
            p.observer().summaries().forEach(s -> out.append("\n  ").append(s));
        }
        STARTED.get().clear();
        System.err.println(out);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        STARTED.get().clear();
    }
}
