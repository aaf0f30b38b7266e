package dev.synack.proxy;

import dev.synack.config.ConnectSpec;
import dev.synack.config.HostPort;
import dev.synack.net.FdLimits;
import dev.synack.observe.CloseReason;
import dev.synack.observe.ConnectOutcome;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one session's upstream channel on the session's own event loop. Each attempt walks the upstream
 * list in order (failover), each connect bounded by the connect timeout; between attempts it waits as the
 * backoff says, with jitter from the session's own random stream. Host names are resolved on every
 * attempt, through the context's {@link HostResolver}, off the loop. The channel of a failed attempt is
 * closed at once; when every attempt fails the session is told the upstream is unreachable.
 */
final class UpstreamConnector {
    private static final Logger log = LoggerFactory.getLogger(UpstreamConnector.class);
    /** Out of fds, every connection fails the same way: one warning per interval says why, with the numbers. */
    private static final ReportGate FD_REPORTS = new ReportGate(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));

    private final Session session;
    private final ProxyContext ctx;
    private final List<HostPort> upstreams;
    private final ConnectSpec spec;
    private final long firstNanos;
    private int round = 1;
    private int index;
    private int attempt;
    private boolean cancelled;

    UpstreamConnector(Session session, ProxyContext ctx) {
        this.session = session;
        this.ctx = ctx;
        this.upstreams = ctx.spec().upstreams();
        this.spec = ctx.spec().connect();
        this.firstNanos = ctx.clock().nanoTime();
    }

    /**
     * Starts connecting, at once or after {@code delayNanos} (a connect_delay fault: the client is
     * connected, the service sees no SYN until the delay has passed).
     */
    void start(long delayNanos) {
        if (delayNanos <= 0) {
            next();
            return;
        }
        ScheduledFuture<?> delayed = ctx.clock().schedule(session.eventLoop(), this::next, delayNanos);
        session.connecting(null, 0, () -> {
            cancelled = true;
            delayed.cancel(false);
        });
    }

    /** Starts the next connect: the next upstream of this walk, or the first of the next walk. */
    void next() {
        if (cancelled) {
            return;
        }
        HostPort target = upstreams.get(index);
        attempt++;
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(target.host());
        if (literal != null) {
            start(target, new InetSocketAddress(literal, target.port()));
            return;
        }
        // A name is resolved on every attempt, so a name that moves is followed; off the loop, so a
        // slow DNS server holds up this connection only.
        InetSocketAddress unresolved = InetSocketAddress.createUnresolved(target.host(), target.port());
        session.connecting(unresolved, attempt, () -> cancelled = true);
        ctx.resolver().resolve(target.host()).whenComplete((address, failure) -> session.eventLoop().execute(() -> {
            if (cancelled) {
                return;
            }
            if (address != null) {
                start(target, new InetSocketAddress(address, target.port()));
            } else {
                ctx.observer().connectStarted(session, unresolved, attempt, session.now());
                failedAttempt(target, unresolved, unknownHost(target.host(), failure));
            }
        }));
    }

    private void start(HostPort target, InetSocketAddress address) {
        ctx.observer().connectStarted(session, address, attempt, session.now());
        int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis());
        // The pipeline is in place from the start: the relay handler stays inert until the session takes
        // the channel (a failed attempt's channel never becomes its leg, so nothing of it reaches the session).
        ChannelFuture registered = ctx.bootstraps()
                .upstream(session.eventLoop(), address, timeoutMillis, new LegInitializer(ch -> session.upstreamLeg()))
                .register();
        Channel ch = registered.channel();
        session.connecting(address, attempt, () -> cancel(registered, address));
        // Registered on the session's own loop, so at once; options that must precede connect() go to
        // the fd in between.
        registered.addListener(r -> {
            if (!r.isSuccess()) {
                // No channel could be made (socket() failed: out of fds): the future is not the loop's,
                // so go back to the loop; there is nothing registered to close.
                session.eventLoop().execute(() -> {
                    forceClose(registered.channel());
                    if (!cancelled) {
                        failedAttempt(target, address, registered.cause());
                    }
                });
                return;
            }
            ctx.upstreamTuner().beforeConnect(ch);
            ChannelFuture f = ch.connect(address);
            session.connecting(address, attempt, () -> cancel(f, address));
            f.addListener(done -> finished(f, target, address));
        });
    }

    private void finished(ChannelFuture f, HostPort target, InetSocketAddress address) {
        if (cancelled) {
            f.channel().close();
            return;
        }
        if (f.isSuccess()) {
            Channel ch = f.channel();
            ctx.upstreamTuner().afterConnect(ch);
            session.connected(ch, ctx.clock().nanoTime() - firstNanos);
            return;
        }
        // A refused connect leaves epoll's and io_uring's channel open (only a timeout closes it): every
        // failed attempt would keep its fd until the process ran out of them.
        f.channel().close();
        failedAttempt(target, address, f.cause());
    }

    private void failedAttempt(HostPort target, InetSocketAddress address, Throwable cause) {
        ConnectOutcome outcome = SocketErrors.connectOutcome(cause);
        ctx.observer().connectFailed(session, address, attempt, outcome, cause, session.now());
        log.debug("[{}] connect to {} failed (attempt {}, {}): {}", session, target, attempt, outcome.key(),
                SocketErrors.describe(cause));
        if (++index < upstreams.size()) {
            next();
            return;
        }
        if (outcome == ConnectOutcome.FD_LIMIT) {
            long held = FD_REPORTS.pass();
            if (held >= 0) {
                log.warn("[{}] no socket for the upstream: {}{}", session, FdLimits.describe(SocketErrors.fdShortage(cause) == 2),
                        held == 0 ? "" : " (" + held + " more since the last report)");
            }
        }
        if (round >= spec.attempts()) {
            log.info("[{}] upstream unreachable after {} connects: {}", session, attempt, SocketErrors.describe(cause));
            session.unreachable(outcome == ConnectOutcome.FD_LIMIT ? CloseReason.FD_LIMIT : CloseReason.UPSTREAM_UNREACHABLE);
            return;
        }
        long wait = Backoff.delayNanos(spec.backoff(), round, session.random());
        round++;
        index = 0;
        ScheduledFuture<?> timer = ctx.clock().schedule(session.eventLoop(), this::next, wait);
        session.connecting(address, attempt, () -> {
            cancelled = true;
            timer.cancel(false);
        });
    }

    /** Closes a channel whose registration failed; one whose socket could not even be made has nothing to close. */
    private static void forceClose(Channel ch) {
        if (ch.isOpen()) {
            ch.unsafe().closeForcibly();
        }
    }

    /** The session ended during this attempt: it is dropped, and observers hear how it ended. */
    private void cancel(ChannelFuture f, InetSocketAddress address) {
        cancelled = true;
        f.cancel(false);
        f.channel().close();
        ctx.observer().connectFailed(session, address, attempt, ConnectOutcome.CANCELLED, null, session.now());
    }

    private static UnknownHostException unknownHost(String host, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof UnknownHostException e) {
            return e;
        }
        UnknownHostException e = new UnknownHostException(host + ": " + cause);
        e.initCause(cause);
        return e;
    }
}
