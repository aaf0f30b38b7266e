package dev.synack.proxy;

import dev.synack.config.ConnectSpec;
import dev.synack.config.HostPort;
import dev.synack.observe.Side;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a session's upstream channel on the session's own event loop. Each attempt walks the upstream
 * list in order (failover), each connect bounded by the connect timeout; between attempts it waits as
 * the backoff says. Host names are resolved on every attempt, through a {@link HostResolver} off the
 * loop. When every attempt fails the session is told the upstream is unreachable.
 */
final class UpstreamConnector {
    private static final Logger log = LoggerFactory.getLogger(UpstreamConnector.class);

    private final ProxyServer proxy;
    private final List<HostPort> upstreams;
    private final ConnectSpec spec;
    private final Backoff backoff;
    private final HostResolver resolver;

    UpstreamConnector(ProxyServer proxy, Backoff backoff, HostResolver resolver) {
        this.proxy = proxy;
        this.resolver = resolver;
        this.upstreams = proxy.spec().upstreams();
        this.spec = proxy.spec().connect();
        this.backoff = backoff;
    }

    void connect(Session session) {
        new Attempts(session).next();
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

    /** The attempts of one session; lives on the session's event loop. */
    private final class Attempts {
        private final Session session;
        private final long firstNanos = System.nanoTime();
        private int round = 1;
        private int index;
        private int attempt;
        private boolean cancelled;

        Attempts(Session session) {
            this.session = session;
        }

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
            resolver.resolve(target.host()).whenComplete((address, failure) -> session.eventLoop().execute(() -> {
                if (cancelled) {
                    return;
                }
                if (address != null) {
                    start(target, new InetSocketAddress(address, target.port()));
                } else {
                    proxy.observer().connectStarted(session, unresolved, attempt);
                    failedAttempt(target, unresolved, unknownHost(target.host(), failure));
                }
            }));
        }

        private void start(HostPort target, InetSocketAddress address) {
            proxy.observer().connectStarted(session, address, attempt);
            // The relay handler is in place from the start: it stays inert until the session is told the
            // channel is connected (a failed attempt's channel never becomes active, so it fires nothing).
            Bootstrap b = proxy.upstreamBootstrap(session.eventLoop(), address)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, spec.timeout().toMillis()))
                    .handler(new RelayHandler(session, Side.UPSTREAM));
            // Registered on the session's own loop, so at once; options that must precede connect() go
            // to the fd in between.
            ChannelFuture registered = b.register();
            Channel ch = registered.channel();
            session.connecting(address, attempt, () -> cancel(registered));
            registered.addListener(r -> {
                if (!r.isSuccess()) {
                    finished(registered, target, address);
                    return;
                }
                proxy.upstreamTuner().beforeConnect(ch);
                ChannelFuture f = ch.connect(address);
                session.connecting(address, attempt, () -> cancel(f));
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
                proxy.upstreamTuner().afterConnect(ch);
                session.connected(ch, System.nanoTime() - firstNanos);
                return;
            }
            // A refused connect leaves epoll's and io_uring's channel open (only a timeout closes it):
            // every failed attempt would keep its fd until the process ran out of them.
            f.channel().close();
            failedAttempt(target, address, f.cause());
        }

        private void failedAttempt(HostPort target, InetSocketAddress address, Throwable cause) {
            proxy.observer().connectFailed(session, address, attempt, cause);
            log.debug("[{}] connect to {} failed (attempt {}): {}", session, target, attempt, SocketErrors.describe(cause));
            if (++index < upstreams.size()) {
                next();
                return;
            }
            if (round >= spec.attempts()) {
                log.info("[{}] upstream unreachable after {} connects: {}", session, attempt, SocketErrors.describe(cause));
                session.unreachable();
                return;
            }
            long wait = backoff.delayNanos(round);
            round++;
            index = 0;
            ScheduledFuture<?> timer = session.eventLoop().schedule(this::next, wait, TimeUnit.NANOSECONDS);
            session.connecting(address, attempt, () -> {
                cancelled = true;
                timer.cancel(false);
            });
        }

        private void cancel(ChannelFuture f) {
            cancelled = true;
            f.cancel(false);
            f.channel().close();
        }
    }
}
