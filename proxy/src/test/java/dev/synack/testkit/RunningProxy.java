package dev.synack.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.app.Synack;
import dev.synack.config.ConfigException;
import dev.synack.observe.ConnectionObserver;
import dev.synack.proxy.HostResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A synack started from a {@link TestConfigs} with a {@link RecordingObserver}, checked to run on the
 * transport asked for. Clients it opens are closed with it, before synack shuts down, so the drain
 * after a test is short.
 */
public final class RunningProxy implements AutoCloseable {
    private final Synack synack;
    private final RecordingObserver observer;
    private final List<TestSocket> clients = new CopyOnWriteArrayList<>();
    private volatile boolean shutDown;

    private RunningProxy(Synack synack, RecordingObserver observer) {
        this.synack = synack;
        this.observer = observer;
    }

    public static RunningProxy start(TestConfigs config) throws ConfigException {
        return start(config, HostResolver.system());
    }

    /** As {@link #start(TestConfigs)}, with upstream host names resolved by {@code resolver}. */
    public static RunningProxy start(TestConfigs config, HostResolver resolver) throws ConfigException {
        return start(config, resolver, List.of());
    }

    /** As {@link #start(TestConfigs)}, with {@code also} observing beside the recording observer. */
    public static RunningProxy start(TestConfigs config, ConnectionObserver also) throws ConfigException {
        return start(config, HostResolver.system(), List.of(also));
    }

    private static RunningProxy start(TestConfigs config, HostResolver resolver, List<ConnectionObserver> also)
            throws ConfigException {
        RecordingObserver observer = new RecordingObserver();
        List<ConnectionObserver> observers = new ArrayList<>(also);
        observers.add(0, observer);
        Synack synack = Synack.start(config.config(), observers, resolver);
        RunningProxy running = new RunningProxy(synack, observer);
        EventsOnFailure.started(running);
        try {
            assertThat(synack.transport().transport()).as("transport in use").isEqualTo(config.transport());
            assertThat(synack.address(TestConfigs.PROXY).getPort()).as("bound port").isPositive();
        } catch (AssertionError | RuntimeException e) {
            running.close();
            throw e;
        }
        return running;
    }

    public Synack synack() {
        return synack;
    }

    public RecordingObserver observer() {
        return observer;
    }

    public InetSocketAddress address() {
        return synack.address(TestConfigs.PROXY);
    }

    /** A client connected to the proxy from 127.0.0.1. */
    public TestSocket connect() throws IOException {
        return track(TestSocket.connect(address()));
    }

    /** A client connected to the proxy from {@code localIp} (any 127.0.0.0/8 address). */
    public TestSocket connectFrom(String localIp) throws IOException {
        return track(TestSocket.connectFrom(localIp, address()));
    }

    private TestSocket track(TestSocket s) {
        clients.add(s);
        return s;
    }

    public int activeSessions() {
        return synack.activeSessions(TestConfigs.PROXY);
    }

    public long peakDrainedAtFin() {
        return synack.peakDrainedAtFin(TestConfigs.PROXY);
    }

    public long peakBufferedBytes() {
        return synack.peakBufferedBytes(TestConfigs.PROXY);
    }

    /** Calls {@link Synack#shutdown(Duration)}; {@link #close()} then only closes the clients. */
    public void shutdown(Duration drain) {
        shutDown = true;
        synack.shutdown(drain);
    }

    @Override
    public void close() {
        clients.forEach(TestSocket::close);
        if (!shutDown) {
            shutDown = true;
            synack.close();
        }
    }
}
