package dev.synack.admin;

import dev.synack.admin.model.ApiException;
import dev.synack.admin.model.ProxyCreate;
import dev.synack.admin.model.ProxyView;
import dev.synack.admin.model.ToxicCreate;
import dev.synack.config.ConfigException;
import dev.synack.proxy.ProxyServer;
import dev.synack.proxy.RegistryException;
import dev.synack.testkit.EchoServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The synack {@link AdminFuzzTest} fuzzes: a real one ({@link LiveAdmin}) with two proxies to an echo server,
 * alike but for their names — {@code live}, which carries a transfer and only ever gets requests the API
 * refused on {@code twin}; and {@code twin}, the target of every fuzzed request — each with two toxics that leave
 * bytes as they are ({@code lag}: latency 0; {@code pace}: bandwidth on the upstream stream). Between requests the
 * bench puts back what a request that succeeded changed, through the backend, so that every request meets the
 * same state; and it says when a refused request changed anything.
 */
final class FuzzBench implements AutoCloseable {
    static final String LIVE = "live";
    static final String TWIN = "twin";
    static final List<String> TOXICS = List.of("lag", "pace");
    /** KB/s: at most 1 MB a second each way through {@code live}, so the transfer lasts the whole fuzz at little cost. */
    private static final long PACE = 1000;

    final LiveAdmin admin;
    private final EchoServer echo;
    private final ProxyView liveAsMade;
    private ProxyView twinAsMade;

    private FuzzBench(EchoServer echo, LiveAdmin admin) throws ApiException {
        this.echo = echo;
        this.admin = admin;
        this.liveAsMade = make(LIVE);
        this.twinAsMade = make(TWIN);
    }

    static FuzzBench start() throws ConfigException, ApiException {
        EchoServer echo = EchoServer.start();
        try {
            return new FuzzBench(echo, LiveAdmin.start());
        } catch (ConfigException | ApiException | RuntimeException e) {
            echo.close();
            throw e;
        }
    }

    private ProxyView make(String name) throws ApiException {
        var backend = admin.synack.toxiproxy();
        backend.create(new ProxyCreate(name, "127.0.0.1:0", echo.hostPort().toString(), true));
        backend.addToxic(name, new ToxicCreate("lag", "latency", "downstream", 1f, Map.of("latency", 0L)));
        backend.addToxic(name, new ToxicCreate("pace", "bandwidth", "upstream", 1f, Map.of("rate", PACE)));
        return backend.proxy(name);
    }

    /** The port of {@code live}'s listener: in use, so binding it must fail. */
    int busyPort() {
        return admin.synack.address(LIVE).getPort();
    }

    /** What differs from the state every request meets, or null: {@code strict} also counts proxies added and twin changed. */
    String changes(boolean strict) throws ApiException {
        ProxyView live = admin.synack.toxiproxy().proxy(LIVE);
        if (!live.equals(liveAsMade)) {
            return "live changed: " + live + " (was " + liveAsMade + ")";
        }
        if (!strict) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        admin.synack.registry().list().forEach(p -> names.add(p.name()));
        if (!names.equals(Set.of(LIVE, TWIN))) {
            return "proxies " + names + " after a refusal";
        }
        ProxyView twin = admin.synack.toxiproxy().proxy(TWIN);
        return twin.equals(twinAsMade) ? null : "twin changed: " + twin + " (was " + twinAsMade + ")";
    }

    /** Removes every proxy the fuzz made, and makes {@code twin} again if it changed. */
    void restore() throws ApiException, RegistryException {
        for (ProxyServer p : admin.synack.registry().list()) {
            if (!p.name().equals(LIVE) && !p.name().equals(TWIN)) {
                admin.synack.registry().remove(p.name(), true);
            }
        }
        var backend = admin.synack.toxiproxy();
        if (admin.synack.registry().get(TWIN).isEmpty() || !backend.proxy(TWIN).equals(twinAsMade)) {
            if (admin.synack.registry().get(TWIN).isPresent()) {
                backend.delete(TWIN);
            }
            twinAsMade = make(TWIN);
        }
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            echo.close();
        }
    }
}
