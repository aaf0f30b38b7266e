package dev.synack.proxy;

import dev.synack.config.ConfigError;
import dev.synack.config.HostPort;
import dev.synack.config.OnStateSpec;
import dev.synack.config.OptionStage;
import dev.synack.config.ProxySpec;
import dev.synack.config.SocketOption;
import dev.synack.fault.Fault;
import dev.synack.fault.FaultException;
import dev.synack.net.FdLimits;
import dev.synack.net.Transport;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionObserver;
import dev.synack.observe.SocketStates;
import dev.synack.time.Clock;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live set of proxies of one synack: add, remove, update (new options for new connections), disable
 * (close the listener; live connections stay unless asked to reset them), enable again on the same
 * address, list. Every method is safe from any thread (one lock orders the changes) and blocks until
 * the listener change it makes is done; a change to a live session runs on that session's event loop.
 * The config file at start, hot reload and the admin API all change proxies through here.
 */
public final class ProxyRegistry {
    private static final Logger log = LoggerFactory.getLogger(ProxyRegistry.class);

    private final Transport transport;
    private final EventLoopGroup loops;
    private final ConnectionObserver observer;
    private final Clock clock;
    private final long seed;
    private final HostResolver resolver;
    /** What follows the sockets' TCP states (the mirror engine), or null when nothing does: on_state triggers are refused. */
    private final SocketStates states;
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean hurried;
    private final Map<String, ProxyServer> proxies = new LinkedHashMap<>();
    /** Removed proxies whose sessions were left to end on their own: shutdown still drains and resets them. */
    private final List<ProxyServer> retired = new ArrayList<>();

    /**
     * {@code loops} runs listeners and sessions alike; {@code seed} seeds every proxy's random streams
     * (with the proxy's name, so a proxy's draws do not depend on which others exist); {@code states} follows
     * the sockets' TCP states for faults triggered {@code on_state}, null when nothing does (the mirror is off),
     * and then such a fault is refused.
     */
    public ProxyRegistry(Transport transport, EventLoopGroup loops, ConnectionObserver observer, Clock clock, long seed,
                         HostResolver resolver, SocketStates states) {
        this.transport = transport;
        this.loops = loops;
        this.observer = observer;
        this.clock = clock;
        this.seed = seed;
        this.resolver = resolver;
        this.states = states;
        preloadFailurePaths();
    }

    /** Holds a file descriptor in reserve now, for the report of a process that runs out of them. */
    private static void preloadFailurePaths() {
        FdLimits.init();
    }

    /**
     * Adds a proxy and, when {@code enabled}, binds its listener. Refused when the name is taken, an
     * option cannot run on this transport, or the listener cannot bind; then nothing is added.
     */
    public synchronized ProxyServer add(ProxySpec spec, boolean enabled) throws RegistryException {
        if (proxies.containsKey(spec.name())) {
            throw new RegistryException(RegistryException.Kind.ALREADY_EXISTS, "proxy already exists: " + spec.name());
        }
        checkOptions(spec);
        ProxyServer server = new ProxyServer(context(spec, new LiveSessions(spec.limits().maxConnections(),
                spec.limits().maxConnectionsPerClient())), faults(spec), loops, ids);
        if (enabled) {
            bind(server, spec.listen());
        }
        proxies.put(spec.name(), server);
        return server;
    }

    /**
     * Gives a proxy new options; connections accepted from now on use them, live ones keep theirs. A new
     * listen address moves the listener (an enabled proxy's new address must bind, or nothing changes).
     * New listener options or buffers bind the listener again on its address: the kernel applies the
     * first at bind and listen, and accepted sockets take the second from the listener (connections
     * still in its accept queue are reset, and the port refuses for the moment in between). The proxy's
     * faults are left as they are ({@link #replaceFaults} changes them); the spec's fault list is not read.
     */
    public synchronized ProxyServer update(ProxySpec spec) throws RegistryException {
        ProxyServer server = find(spec.name());
        checkOptions(spec);
        ProxyContext next = context(spec, server.context().sessions());
        boolean move = !spec.listen().equals(server.spec().listen());
        if (move || needsNewListener(server.spec(), spec)) {
            boolean wasListening = server.isListening();
            server.unbind();
            if (move) {
                server.forgetAddress();
            }
            server.update(next);
            if (wasListening) {
                bind(server, spec.listen());
            }
        } else {
            server.update(next);
        }
        return server;
    }

    /** Whether {@code next} changes what a listener fixes when it binds: its own options, or its children's buffers. */
    static boolean needsNewListener(ProxySpec before, ProxySpec next) {
        if (!before.buffers().equals(next.buffers())) {
            return true;
        }
        for (SocketOption o : SocketOption.at(true, OptionStage.LISTENER)) {
            if (!Objects.equals(o.requested(before.downstream()), o.requested(next.downstream()))) {
                return true;
            }
        }
        return false;
    }

    /** Closes a proxy's listener; its live sessions go on, or are reset when {@code resetConnections}. */
    public synchronized void disable(String name, boolean resetConnections) throws RegistryException {
        ProxyServer server = find(name);
        server.unbind();
        if (resetConnections) {
            server.resetAll(CloseReason.PROXY_DISABLED);
        }
    }

    /** Binds a disabled proxy's listener again, on the address it had (the same port when config said 0). */
    public synchronized void enable(String name) throws RegistryException {
        ProxyServer server = find(name);
        if (!server.isListening()) {
            bind(server, server.spec().listen());
        }
    }

    /** Removes a proxy: its listener closes; its live sessions go on to their end, or are reset when asked. */
    public synchronized void remove(String name, boolean resetConnections) throws RegistryException {
        ProxyServer server = find(name);
        server.unbind();
        if (resetConnections) {
            server.resetAll(CloseReason.PROXY_DISABLED);
        }
        proxies.remove(name);
        retired.removeIf(p -> p.activeSessions() == 0);
        retired.add(server);
    }

    public synchronized Optional<ProxyServer> get(String name) {
        return Optional.ofNullable(proxies.get(name));
    }

    /** Every proxy, in the order they were added. */
    public synchronized List<ProxyServer> list() {
        return List.copyOf(proxies.values());
    }

    /**
     * Stops every listener, lets sessions end on their own until {@code drain} passes, then resets the
     * rest (close reason {@code shutdown}) and waits a little for them to go.
     */
    public void shutdown(Duration drain) {
        List<ProxyServer> all;
        synchronized (this) {
            all = new ArrayList<>(proxies.values());
            all.addAll(retired);
        }
        all.forEach(ProxyServer::unbind);
        long deadline = System.nanoTime() + drain.toNanos();
        try {
            for (ProxyServer p : all) {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                if (!p.awaitNoSessions(left, () -> hurried)) {
                    log.info("[{}] drain deadline passed with {} sessions open: resetting them", p.name(), p.activeSessions());
                    p.resetAll(CloseReason.SHUTDOWN);
                    p.awaitNoSessions(Duration.ofSeconds(5));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(p -> p.resetAll(CloseReason.SHUTDOWN));
        }
    }

    /** Cuts a {@link #shutdown} in progress short: its drain ends now and what is open is reset. */
    public void hurry() {
        hurried = true;
        list().forEach(ProxyServer::wakeWaiters);
        synchronized (this) {
            retired.forEach(ProxyServer::wakeWaiters);
        }
    }

    private ProxyContext context(ProxySpec spec, LiveSessions sessions) {
        return ProxyContext.of(spec, transport, observer, clock, proxySeed(seed, spec.name()), resolver, sessions,
                states == null ? SocketStates.NONE : states);
    }

    /** A proxy's seed: the registry's, mixed with the proxy's name. */
    static long proxySeed(long seed, String name) {
        long z = seed ^ (name.hashCode() * 0x9E37_79B9_7F4A_7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** The spec's faults, checked (a bad one refuses the change with every problem on its path). */
    private List<Fault> faults(ProxySpec spec) throws RegistryException {
        List<Fault> faults = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        for (int i = 0; i < spec.faults().size(); i++) {
            String path = "faults[" + i + "].";
            try {
                Fault f = Fault.of(spec.faults().get(i));
                faults.add(f);
                unfollowedState(f).ifPresent(e -> errors.add(new ConfigError(path + e.path(), e.found(), e.expected())));
            } catch (FaultException e) {
                e.problems().forEach(p -> errors.add(new ConfigError(path + p.field(), p.found(), p.expected())));
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < faults.size(); i++) {
            if (!names.add(faults.get(i).name())) {
                errors.add(new ConfigError("faults[" + i + "].name", '"' + faults.get(i).name() + '"', "a name no other fault of the proxy has"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.INVALID, "proxy " + spec.name() + " has faults that cannot run", errors);
        }
        return faults;
    }

    // ---- faults of a live proxy -----------------------------------------------------------------------

    /** Adds a fault to a proxy: new connections and every live one, at once. Refused when the name is taken. */
    public synchronized void addFault(String proxy, Fault fault) throws RegistryException {
        ProxyServer server = find(proxy);
        if (server.faults().stream().anyMatch(f -> f.name().equals(fault.name()))) {
            throw new RegistryException(RegistryException.Kind.ALREADY_EXISTS, "fault already exists: " + fault.name());
        }
        checkCanRun(fault);
        server.addFault(fault);
    }

    /** Replaces a proxy's fault of the same name, on live connections too. */
    public synchronized void updateFault(String proxy, Fault fault) throws RegistryException {
        ProxyServer server = find(proxy);
        fault(server, fault.name());
        checkCanRun(fault);
        server.updateFault(fault);
    }

    /** An on_state trigger where nothing follows socket states (the mirror is off) would never fire: an error, as in a config. */
    private Optional<ConfigError> unfollowedState(Fault fault) {
        OnStateSpec on = fault.trigger().onState();
        return states != null || on == null ? Optional.empty()
                : Optional.of(new ConfigError("trigger.on_state", on.json(), OnStateSpec.NEEDS_MIRROR));
    }

    /**
     * A fault this machine cannot run (privileges, tools, transport), or one triggered on_state while the
     * mirror is off, is refused up front, as in a config.
     */
    private void checkCanRun(Fault fault) throws RegistryException {
        Optional<ConfigError> unfollowed = unfollowedState(fault);
        if (unfollowed.isPresent()) {
            throw new RegistryException(RegistryException.Kind.INVALID,
                    "fault " + fault.name() + " cannot run: the mirror is off",
                    List.of(unfollowed.get()));
        }
        Optional<String> missing = fault.type().missing(transport.isNative());
        if (missing.isPresent()) {
            throw new RegistryException(RegistryException.Kind.INVALID, "fault " + fault.name() + " cannot run here: " + missing.get(),
                    List.of(new ConfigError("type", '"' + fault.type().name() + '"', "a fault this machine can run; " + missing.get())));
        }
    }

    /** Removes a fault from a proxy and its live connections. */
    public synchronized void removeFault(String proxy, String name) throws RegistryException {
        ProxyServer server = find(proxy);
        fault(server, name);
        server.removeFault(name);
    }

    /**
     * Makes a proxy's faults exactly those of {@code faults} (entries of a config: checked first): faults
     * no longer named are removed, changed ones updated in place, new ones added, on live connections too.
     */
    public synchronized void replaceFaults(String proxy, List<dev.synack.config.FaultSpec> faults) throws RegistryException {
        ProxyServer server = find(proxy);
        server.replaceFaults(faults(server.spec().withFaults(faults)));
    }

    /** A proxy's fault by name. */
    public synchronized Fault fault(String proxy, String name) throws RegistryException {
        return fault(find(proxy), name);
    }

    private static Fault fault(ProxyServer server, String name) throws RegistryException {
        return server.faults().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new RegistryException(RegistryException.Kind.NOT_FOUND, "fault not found: " + name));
    }

    private void checkOptions(ProxySpec spec) throws RegistryException {
        List<ConfigError> errors = SocketOption.check(spec, "", transport.kind());
        if (!errors.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.INVALID,
                    "proxy " + spec.name() + " cannot run on " + transport.configName(), strip(errors));
        }
    }

    private static void bind(ProxyServer server, HostPort listen) throws RegistryException {
        ChannelFuture bound = server.bind();
        if (!bound.isSuccess()) {
            String why = BindErrors.describe(bound.cause());
            throw new RegistryException(RegistryException.Kind.CANNOT_LISTEN, "cannot listen on " + listen + ": " + why,
                    List.of(new ConfigError("listen", '"' + listen.toString() + '"', "an address synack can bind (" + why + ")")));
        }
    }

    /** Errors of {@link SocketOption#check} under an empty path start with a dot: drop it. */
    private static List<ConfigError> strip(List<ConfigError> errors) {
        List<ConfigError> out = new ArrayList<>();
        for (ConfigError e : errors) {
            out.add(new ConfigError(e.path().startsWith(".") ? e.path().substring(1) : e.path(), e.found(), e.expected()));
        }
        return out;
    }

    private ProxyServer find(String name) throws RegistryException {
        ProxyServer server = proxies.get(name);
        if (server == null) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, "proxy not found: " + name);
        }
        return server;
    }
}
