package dev.synack.net;

import dev.synack.config.OptionStage;
import dev.synack.config.SocketOption;
import dev.synack.config.SocketSpec;
import dev.synack.observe.OptionReading;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one side's {@link SocketSpec} to Netty bootstraps and channels, each option at the moment the
 * kernel needs it, and reads the effective values back with getsockopt.
 *
 * <p>Call order for the listener side: {@link #configure(ServerBootstrap)} before bind,
 * {@link #beforeBind(Channel)} from the server channel's handler (it runs on registration, before bind),
 * {@link #onAccepted(Channel)} for every accepted socket before its first read. For the upstream side:
 * {@link #configure(Bootstrap)}, {@link #beforeConnect(Channel)} from the channel initializer (before
 * connect), {@link #afterConnect(Channel)} once connected.
 *
 * <p>An option the kernel refuses is logged as a warning naming the option, the errno and the value
 * in effect, and the reading of that socket carries the failure in its note.
 */
public final class SocketTuner {
    private static final Logger log = LoggerFactory.getLogger(SocketTuner.class);
    private static final AttributeKey<Map<SocketOption, String>> FAILURES = AttributeKey.valueOf("synack.sockopt.failures");

    private final SocketSpec spec;
    private final Transport transport;
    private final boolean listenerSide;
    private final String side;
    private final List<SocketOption> readOnConnected;
    private final List<SocketOption> readOnListener;
    private final Map<OptionStage, List<SocketOption>> byStage = new EnumMap<>(OptionStage.class);
    /** Options whose failure was already logged at warn: one line per option, not one per connection. */
    private final java.util.Set<SocketOption> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private SocketTuner(SocketSpec spec, Transport transport, boolean listenerSide) {
        this.spec = spec == null ? SocketSpec.DEFAULT : spec;
        this.transport = transport;
        this.listenerSide = listenerSide;
        this.side = listenerSide ? "downstream" : "upstream_socket";
        this.readOnConnected = readable(listenerSide ? SocketOption.readOnAccepted() : SocketOption.readOnUpstream());
        this.readOnListener = listenerSide ? readable(SocketOption.readOnListener()) : List.of();
        for (OptionStage stage : OptionStage.values()) {
            // only what this spec asks for: the per-connection stages then loop over a handful of entries
            byStage.put(stage, SocketOption.at(listenerSide, stage).stream()
                    .filter(o -> appliedHere(o) && o.requested(this.spec) != null && !nettyDefault(o) && !leftAsItIs(o))
                    .toList());
        }
    }

    /** False for listen()'s backlog, which {@link #configure(ServerBootstrap)} passes, and for read-only entries. */
    private static boolean appliedHere(SocketOption o) {
        return o != SocketOption.BACKLOG && !o.readOnly();
    }

    /**
     * True for a requested value every transport's channel already set when it was created: Netty turns
     * TCP_NODELAY on for every socket, so asking again would be one more setsockopt per socket for nothing
     * (the reading still shows the kernel's value).
     */
    private boolean nettyDefault(SocketOption o) {
        return o == SocketOption.NODELAY && Boolean.TRUE.equals(o.requested(spec));
    }

    /**
     * True for the kernel's default asked of a transport that cannot set the option: the socket already has
     * it (see {@link SocketOption#honours}), so there is nothing to apply and nothing to warn about.
     */
    private boolean leftAsItIs(SocketOption o) {
        return SocketOptionAccess.of(o, transport) == null && o.isKernelDefault(o.requested(spec));
    }

    /** The tuner of a proxy's downstream side: the listener and the sockets it accepts. */
    public static SocketTuner downstream(SocketSpec spec, Transport transport) {
        return new SocketTuner(spec, transport, true);
    }

    /** The tuner of a proxy's upstream side: the sockets synack connects to the service. */
    public static SocketTuner upstream(SocketSpec spec, Transport transport) {
        return new SocketTuner(spec, transport, false);
    }

    /** Passes listen()'s backlog, the one option only Netty can apply. */
    public void configure(ServerBootstrap b) {
        if (spec.backlog() != null) {
            b.option(ChannelOption.SO_BACKLOG, spec.backlog());
        }
    }

    /** Nothing to do: every upstream option goes to the fd in {@link #beforeConnect(Channel)}. */
    public void configure(Bootstrap b) {}

    /** Listener options, before bind and listen; each is read back once and any difference logged. */
    public void beforeBind(Channel listener) {
        List<SocketOption> applied = apply(listener, OptionStage.LISTENER);
        for (OptionReading r : readListener(listener)) {
            if (r.note() != null && applied.stream().anyMatch(o -> o.configName().equals(r.name()))) {
                log.info("{}.{} on {}: asked {}, kernel has {} ({})", side, r.name(), listener, r.requested(), r.effective(), r.note());
            }
        }
    }

    public void onAccepted(Channel child) {
        apply(child, OptionStage.CHILD);
    }

    public void beforeConnect(Channel upstream) {
        apply(upstream, OptionStage.UPSTREAM);
    }

    public void afterConnect(Channel upstream) {
        apply(upstream, OptionStage.AFTER_CONNECT);
    }

    /** Effective values of the listener socket. */
    public List<OptionReading> readListener(Channel listener) {
        return read(listener, readOnListener);
    }

    /** Effective values of a connected socket of this side: one getsockopt per option. */
    public List<OptionReading> read(Channel connected) {
        return read(connected, readOnConnected);
    }

    private List<SocketOption> apply(Channel ch, OptionStage stage) {
        List<SocketOption> applied = new ArrayList<>();
        for (SocketOption o : byStage.get(stage)) {
            Object v = o.requested(spec);
            OptionAccess access = SocketOptionAccess.of(o, transport);
            if (access == null) {
                fail(ch, o, v, transport.configName() + " cannot apply it");
                continue;
            }
            try {
                access.apply(ch, o.kind().toKernel(v));
                applied.add(o);
            } catch (Exception e) {
                fail(ch, o, v, Errnos.describe(e));
            }
        }
        return applied;
    }

    private void fail(Channel ch, SocketOption o, Object v, String why) {
        Map<SocketOption, String> failures = ch.attr(FAILURES).setIfAbsent(new EnumMap<>(SocketOption.class));
        failures = failures == null ? ch.attr(FAILURES).get() : failures;
        failures.put(o, why);
        boolean first = warned.add(o);
        if (!first && !log.isDebugEnabled()) {
            return;
        }
        String effective = SocketOptionAccess.of(o, transport) == null ? "unknown" : effective(ch, o);
        String line = "{}.{} on {}: setting {} to {} failed: {}; in effect: {}";
        if (first) {
            log.warn(line + " (further sockets of this side: at debug level)",
                    side, o.configName(), ch, o.kernel(), o.kind().renderRequested(v), why, effective);
        } else {
            log.debug(line, side, o.configName(), ch, o.kernel(), o.kind().renderRequested(v), why, effective);
        }
    }

    private String effective(Channel ch, SocketOption o) {
        try {
            return o.kind().render(SocketOptionAccess.of(o, transport).read(ch));
        } catch (Exception e) {
            return "unreadable (" + Errnos.describe(e) + ")";
        }
    }

    private List<OptionReading> read(Channel ch, List<SocketOption> options) {
        Map<SocketOption, String> failures = ch.hasAttr(FAILURES) ? ch.attr(FAILURES).get() : null;
        KernelLimits limits = KernelLimits.current();
        List<OptionReading> out = new ArrayList<>(options.size());
        for (SocketOption o : options) {
            Object v = o.requested(spec);
            String requested = v == null ? null : o.kind().renderRequested(v);
            String effective;
            String note;
            try {
                Object raw = SocketOptionAccess.of(o, transport).read(ch);
                effective = o.kind().render(raw);
                note = OptionNotes.note(o, v == null ? null : o.kind().toKernel(v), raw, transport, limits);
            } catch (Exception e) {
                effective = "unreadable";
                note = "getsockopt " + o.kernel() + " failed: " + Errnos.describe(e);
            }
            String failure = failures == null ? null : failures.get(o);
            if (failure != null) {
                note = "not applied: " + failure + (note == null ? "" : "; " + note);
            }
            out.add(new OptionReading(o.configName(), requested, effective, note));
        }
        return out;
    }

    private List<SocketOption> readable(List<SocketOption> options) {
        return options.stream().filter(o -> SocketOptionAccess.of(o, transport) != null).toList();
    }
}
