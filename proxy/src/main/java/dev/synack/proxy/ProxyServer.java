package dev.synack.proxy;

import dev.synack.config.ProxySpec;
import dev.synack.fault.AcceptDecision;
import dev.synack.fault.Fault;
import dev.synack.net.ProcNetTcp;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.Direction;
import dev.synack.observe.OptionReading;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxy: its listener, the context its new sessions get, and its live sessions. The listener can be
 * closed and bound again (disable, enable), the context replaced (new options for new connections), and
 * every session reset — each from any thread; a change to a session runs on that session's loop. The
 * {@link ProxyRegistry} drives it.
 */
public final class ProxyServer {
    private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);

    private static final AttributeKey<Admitted> ADMITTED = AttributeKey.valueOf("synack.admitted");
    /** Linux's state code of a listening socket in /proc/net/tcp. */
    private static final int LISTEN = 10;
    /** How long a fault change waits for the live sessions' loops to apply it: far longer than a loop ever takes. */

    private final EventLoopGroup loops;
    private final AtomicLong ids;
    private final LiveSessions sessions;
    private volatile ProxyContext context;
    private final ProxyFaults faults;
    private volatile boolean accepting;
    /** An accept_pause fault is present: the listener accepts nothing. */
    private volatile boolean acceptPaused;
    private Channel listener;
    /** The current listener's admission, told when the listener is closed on purpose. */
    private Admission admission;
    /** The address bound first: re-enabling binds it again, the real port included when config said 0. */
    private InetSocketAddress boundAddress;
    private List<OptionReading> listenerOptions = List.of();
    private final NewestReadings readings = new NewestReadings();

    ProxyServer(ProxyContext context, List<Fault> faults, EventLoopGroup loops, AtomicLong ids) {
        this.context = context;
        this.faults = new ProxyFaults(context.sessions(), faults);
        this.acceptPaused = this.faults.pausesAccept();
        this.loops = loops;
        this.ids = ids;
        this.sessions = context.sessions();
    }

    /** Binds the listener, blocking until it is bound; false (and the cause logged by the caller) if it is not. */
    synchronized ChannelFuture bind() {
        InetSocketAddress address = boundAddress != null ? boundAddress
                : new InetSocketAddress(context.spec().listen().host(), context.spec().listen().port());
        ProxyContext ctx = context;
        admission = new Admission(ctx.name(), this::admit, () -> acceptPaused);
        ChannelFuture f = ctx.bootstraps().listener(loops, address, admission, new LegInitializer(this::accept))
                .bind(address).awaitUninterruptibly();
        if (f.isSuccess()) {
            listener = f.channel();
            if (acceptPaused) {
                Admission.pause(listener, true);
                pauseApplied(ctx, AcceptDecision.pausing(faults.all()));
            }
            boundAddress = (InetSocketAddress) listener.localAddress();
            listenerOptions = ctx.downstreamTuner().readListener(listener);
            accepting = true;
            ctx.observer().listening(name(), boundAddress, listenerOptions);
        }
        return f;
    }

    /** Closes the listener, so the kernel refuses new connections; sessions go on. Blocks until it is closed. */
    synchronized void unbind() {
        accepting = false;
        Channel l = listener;
        listener = null;
        if (l != null) {
            admission.stop();
            stopListening(l);
            l.close().syncUninterruptibly();
            awaitNioRelease(l, boundAddress);
            context.observer().stoppedListening(name(), boundAddress);
        }
    }

    /**
     * Takes the socket out of LISTEN before its fd is closed. io_uring keeps a file referenced while an
     * accept is in flight on it, so a plain close leaves the socket listening (and completing handshakes)
     * until that accept returns; shutdown() stops the listener at once and fails the pending accept.
     */
    private static void stopListening(Channel listener) {
        if (listener instanceof UnixChannel u && u.fd() instanceof Socket fd) {
            try {
                fd.shutdown(true, true);
            } catch (IOException | RuntimeException e) {
                // not listening any more, or closed already: close() below finishes the job
            }
        }
    }

    /**
     * An NIO listener's fd outlives close() until its selector has processed the cancelled key: the JDK
     * closes a registered channel's fd on deregistration, at the loop's next select, and a busy loop may
     * run several tasks before it selects again. Drives the loop and looks at the kernel's listener table
     * until the socket has left LISTEN (bounded), so the port refuses when unbind returns.
     */
    private static void awaitNioRelease(Channel listener, InetSocketAddress address) {
        if (listener instanceof UnixChannel || address == null) {
            return;
        }
        for (int i = 0; i < 100; i++) {
            listener.eventLoop().submit(() -> { }).syncUninterruptibly();
            if (!stillListening(address.getPort())) {
                return;
            }
        }
        log.warn("[{}] the kernel still lists the closed listener on port {}", address, address.getPort());
    }

    private static boolean stillListening(int port) {
        try {
            return ProcNetTcp.scan().rows().stream()
                    .anyMatch(r -> r.state() == LISTEN && r.local().getPort() == port);
        } catch (IOException e) {
            return false;
        }
    }

    /** After a move to another listen address: the next bind takes the spec's address, not the old one. */
    synchronized void forgetAddress() {
        boundAddress = null;
    }

    ProxyContext context() {
        return context;
    }

    /** New options for the connections accepted from now on. The listen address is the registry's business. */
    void update(ProxyContext next) {
        sessions.limits(next.spec().limits().maxConnections(), next.spec().limits().maxConnectionsPerClient());
        this.context = next;
    }

    /**
     * Whether an accepted socket may become a session: the listener is open, a connection slot is free,
     * and no fault refuses it. Runs on the listener's loop in accept order, which is also the order the
     * sessions' random streams are numbered in; a refused socket is reset here and recorded.
     */
    private boolean admit(Channel ch) {
        ProxyContext ctx = context;
        InetSocketAddress client = (InetSocketAddress) ch.remoteAddress();
        if (!accepting) {
            reject(ctx, ch, client, CloseReason.SHUTDOWN);
            return false;
        }
        ConnectionLimiter.Slot slot = sessions.tryAcquire(client.getAddress());
        if (slot == ConnectionLimiter.Slot.REFUSED) {
            reject(ctx, ch, client, CloseReason.LIMIT);
            return false;
        }
        List<Fault> now = faults.all();
        RandomGenerator random = ctx.random(sessions.nextSequence());
        AcceptDecision decision = AcceptDecision.decide(now, client.getAddress(), random);
        if (decision.refuse()) {
            sessions.release(client.getAddress(), slot);
            for (Fault f : decision.applied()) {
                ctx.observer().faultApplied(name(), null, f.name(), f.type().name(), Direction.CLIENT_TO_SERVICE,
                        ctx.clock().nanoTime());
            }
            reject(ctx, ch, client, CloseReason.FAULT);
            return false;
        }
        ch.attr(ADMITTED).set(new Admitted(slot, random, now, decision));
        return true;
    }

    /**
     * The session an admitted socket becomes (its downstream leg); on the socket's own loop. The
     * admission leaves the channel's attributes (getAndSet(null) would keep an empty attribute, 48 bytes
     * for the connection's life; Netty deprecates remove() only to point at that).
     */
    @SuppressWarnings("deprecation")
    private Leg accept(Channel ch) {
        ProxyContext ctx = context;
        ctx.downstreamTuner().onAccepted(ch);
        return new Session(ctx, ids.incrementAndGet(), ch.attr(ADMITTED).getAndRemove(), ch).downstream();
    }

    /** An RST to a socket that never got a loop: SO_LINGER 0, then a close that needs no loop. */
    private void reject(ProxyContext ctx, Channel ch, InetSocketAddress client, CloseReason why) {
        try {
            ch.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException e) {
            // gone already
        }
        ch.unsafe().closeForcibly();
        ctx.observer().rejected(name(), client, why, ctx.clock().nanoTime());
    }

    // ---- faults ---------------------------------------------------------------------------------------

    /** The faults new sessions start with, in order. */
    public List<Fault> faults() {
        return faults.all();
    }

    /** Adds a fault: new sessions get it, and every live session too, on its loop, before this returns. */
    synchronized void addFault(Fault fault) {
        changed(faults.add(fault));
    }

    /** Replaces the fault of the same name, in place, on live sessions too. */
    synchronized void updateFault(Fault fault) {
        changed(faults.update(fault));
    }

    /** Removes the fault of that name, from live sessions too. */
    synchronized void removeFault(String name) {
        changed(faults.remove(name));
    }

    /** Makes the faults exactly {@code wanted}: removed, updated and added by name, in {@code wanted}'s order for new sessions. */
    synchronized void replaceFaults(List<Fault> wanted) {
        changed(faults.replace(wanted));
    }

    /** After a change of the faults: accept_pause faults that start are reported, and the listener paused or resumed. */
    private void changed(List<Fault> pausesStarted) {
        Channel l = listener;
        if (l != null) {
            pauseApplied(context, pausesStarted);
        }
        boolean paused = faults.pausesAccept();
        if (paused != acceptPaused) {
            acceptPaused = paused;
            if (l != null) {
                l.eventLoop().execute(() -> Admission.pause(l, paused));
            }
        }
    }

    /**
     * The observer's "fault applied" for each accept_pause fault that starts acting on a bound listener
     * (at bind, or added while listening). It acts on no connection, so none is named.
     */
    private void pauseApplied(ProxyContext ctx, List<Fault> pauses) {
        for (Fault f : pauses) {
            ctx.observer().faultApplied(name(), null, f.name(), f.type().name(), Direction.CLIENT_TO_SERVICE,
                    ctx.clock().nanoTime());
        }
    }

    /** Resets every session still open, each on its own loop. */
    void resetAll(CloseReason why) {
        sessions.eachOnItsLoop(s -> s.resetNow(why));
    }

    /** Waits until no session is left or {@code timeout} passes; true when none is left. */
    boolean awaitNoSessions(Duration timeout) throws InterruptedException {
        return sessions.awaitEmpty(timeout, () -> false);
    }

    /** As {@link #awaitNoSessions(Duration)}, giving up early once {@code giveUp} says so (checked when woken). */
    boolean awaitNoSessions(Duration timeout, java.util.function.BooleanSupplier giveUp) throws InterruptedException {
        return sessions.awaitEmpty(timeout, giveUp);
    }

    /** Wakes whoever waits in {@link #awaitNoSessions}, to look at its give-up condition again. */
    void wakeWaiters() {
        sessions.wake();
    }

    public String name() {
        return context.spec().name();
    }

    public ProxySpec spec() {
        return context.spec();
    }

    /** Whether the listener is bound. */
    public boolean isListening() {
        return accepting;
    }

    /** The address the listener is (or was last) bound to, with the real port when config said 0; null before the first bind. */
    public synchronized InetSocketAddress address() {
        return boundAddress;
    }

    public synchronized List<OptionReading> listenerOptions() {
        return listenerOptions;
    }

    /** The sessions of this proxy not ended yet; read their state on their own loops. */
    public List<ConnectionInfo> connections() {
        return List.copyOf(sessions.snapshot());
    }

    /** Resets one live session of this proxy (both sockets get an RST); false when no such session is live. */
    public boolean reset(long connectionId, CloseReason why) {
        for (Session s : sessions.snapshot()) {
            if (s.id() == connectionId) {
                s.eventLoop().execute(() -> s.resetNow(why));
                return true;
            }
        }
        return false;
    }

    /**
     * The effective options of the newest open connection's two sockets, read now on that connection's
     * loop; with none open, the reading taken last (marked ended), or empty. See {@link NewestReadings}.
     */
    public CompletableFuture<Optional<SocketReadings>> readNewestConnectionOptions() {
        return readings.read(sessions.snapshot());
    }

    public int activeSessions() {
        return sessions.size();
    }

    public long peakBufferedBytes() {
        return sessions.peakBuffered();
    }

    public long peakDrainedAtFin() {
        return sessions.peakDrained();
    }
}
