package dev.synack.junit;

import dev.synack.embed.SynackProxy;
import dev.synack.embed.SynackServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * synack in front of a test's services, for JUnit 5 ({@code @RegisterExtension}):
 * <pre>
 * &#64;RegisterExtension
 * static final SynackExtension synack = SynackExtension.proxy("db", () -&gt; "127.0.0.1:" + db.port());
 *
 * &#64;Test
 * void slowDatabase() {
 *     synack.proxy("db").latency(500);
 *     connect(synack.proxy("db").host(), synack.proxy("db").port());
 * }
 * </pre>
 * In a {@code static} field synack starts once before the class's first test (after its {@code @BeforeAll}
 * methods) and stops after the last; in an instance field it starts and stops around each test. Either way, after each test every fault is removed,
 * every proxy enabled again, and proxies a test added itself are removed, so no test sees another's faults.
 * Connections stay open across tests (a client's pool goes on), as after Toxiproxy's reset. Upstreams are
 * suppliers, read when synack starts, so a service started in {@code @BeforeAll} can be named.
 */
public final class SynackExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Map<String, Supplier<String>> declared = new LinkedHashMap<>();
    private SynackServer server;
    private boolean perClass;

    private SynackExtension() {}

    /** An extension with one proxy, named {@code name}, in front of {@code upstream} ({@code host:port}). */
    public static SynackExtension proxy(String name, Supplier<String> upstream) {
        return new SynackExtension().and(name, upstream);
    }

    /** One more proxy. */
    public SynackExtension and(String name, Supplier<String> upstream) {
        declared.put(name, upstream);
        return this;
    }

    /** A declared proxy (or one the running test added), to add faults to and connect through. */
    public SynackProxy proxy(String name) {
        return server().proxy(name);
    }

    /** The running synack, to add proxies in a test (removed after it) or reach anything else. */
    public SynackServer server() {
        if (server == null) {
            throw new IllegalStateException("synack runs only while a test of the class runs");
        }
        return server;
    }

    /**
     * Marks the extension as the class's; synack starts before the first test, after the class's own
     * {@code @BeforeAll} methods (which JUnit runs after this), so that their services can be named.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perClass) {
            reset();
        } else {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() {
        SynackServer s = SynackServer.start();
        try {
            declared.forEach((name, upstream) -> s.proxy(name, upstream.get()));
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        server = s;
    }

    private void reset() {
        Set<String> keep = declared.keySet();
        server.synack().registry().list().stream().map(p -> p.name()).filter(n -> !keep.contains(n)).forEach(server::remove);
        server.reset();
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
