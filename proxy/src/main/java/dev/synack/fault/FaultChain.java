package dev.synack.fault;

import dev.synack.config.FaultStream;
import io.netty.channel.ChannelPipeline;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults of one direction of one connection, and their handlers in the outbound path of the channel
 * that writes that direction, in order from the relay: the oldest fault first, each newer one nearer the
 * tail ({@value #TAIL}), as in Toxiproxy's chain. Faults can be added, updated and removed before the
 * channel exists (they are installed when it is attached) and on a live channel, where they take effect
 * at once. Not thread-safe: call it on the connection's event loop.
 *
 * <p>Each fault draws its toxicity when it starts here (and again when updated); where it loses the draw,
 * or the client is outside its blocks, it gets no handler. Each handler gets its own user-defined
 * writability bit (1..31) of the channel, kept across an update.
 */
public final class FaultChain {
    /** The name of the outbound handler nearest the head that writes, FINs and resets: faults go after it. */
    public static final String TAIL = "synack.tail";
    /** Fault handlers are named this prefix and the fault's name. */
    public static final String PREFIX = "synack.fault.";
    private static final int MAX_BIT = 31;
    private static final Logger log = LoggerFactory.getLogger(FaultChain.class);

    private final FaultContext context;
    // Made at the first fault: most connections never get one, and every idle connection holds two chains.
    private List<Slot> slots = List.of();
    private BitSet bits;
    private ChannelPipeline pipeline;

    public FaultChain(FaultContext context) {
        this.context = context;
    }

    public FaultStream stream() {
        return context.stream();
    }

    /** Installs the handlers of the faults started so far into the pipeline of the channel writing this direction. */
    public void attach(ChannelPipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline);
        slots.stream().filter(s -> s.acts).forEach(this::install);
    }

    /** Starts a fault on this direction (newest, nearest the tail); an existing name is updated instead. */
    public void add(Fault fault) {
        if (!mine(fault)) {
            return;
        }
        if (slot(fault.name()) != null) {
            update(fault);
            return;
        }
        Slot s = new Slot(fault, draw(fault));
        if (slots.isEmpty()) {
            slots = new ArrayList<>(2);
        }
        slots.add(s);
        if (s.acts && pipeline != null) {
            install(s);
        }
    }

    /** Replaces a fault's values in place, drawing its toxicity again; what its handler held passes to the new one. */
    public void update(Fault fault) {
        Slot s = mine(fault) ? slot(fault.name()) : null;
        if (s == null) {
            add(fault);
            return;
        }
        if (s.fault.type() != fault.type()) {
            // A reloaded config may change a name's type: a different handler starts afresh.
            uninstall(s);
        }
        s.fault = fault;
        s.acts = draw(fault);
        if (pipeline == null) {
            return;
        }
        if (s.handler != null && s.acts && live()) {
            FaultHandler next = newHandler(s, s.handler);
            pipeline.replace(s.handler, name(fault), next);
            s.handler = next;
        } else if (s.handler != null) {
            uninstall(s);
        } else if (s.acts) {
            install(s);
        }
    }

    /** Removes a fault: its handler leaves, passing on what it held (a timeout ends the connection instead). */
    public boolean remove(String name) {
        Slot s = slot(name);
        if (s == null) {
            return false;
        }
        uninstall(s);
        slots.remove(s);
        return true;
    }

    /** The faults that act on this connection and direction (toxicity and clients allowing), oldest first. */
    public List<Fault> acting() {
        return slots.stream().filter(s -> s.acts).map(s -> s.fault).toList();
    }

    private boolean mine(Fault f) {
        return f.stream() == context.stream() && f.type().kind() == FaultType.Kind.OUTBOUND;
    }

    private boolean draw(Fault f) {
        boolean drawn = Toxicity.draw(context.random(), f.toxicity());
        return drawn && f.targets(context.client().getAddress());
    }

    private boolean live() {
        return pipeline.context(TAIL) != null;
    }

    /** Puts the handler after the nearest newer installed fault, or right after the tail. */
    private void install(Slot s) {
        if (!live()) {
            return;
        }
        String after = TAIL;
        for (int i = slots.indexOf(s) + 1; i < slots.size(); i++) {
            if (slots.get(i).handler != null) {
                after = name(slots.get(i).fault);
                break;
            }
        }
        s.handler = newHandler(s, null);
        pipeline.addAfter(after, name(s.fault), s.handler);
    }

    private void uninstall(Slot s) {
        if (s.handler == null) {
            return;
        }
        FaultHandler h = s.handler;
        s.handler = null;
        if (pipeline.context(h) != null) {
            pipeline.remove(h);
        }
        if (bits != null) {
            bits.clear(h.writabilityIndex());
        }
    }

    private FaultHandler newHandler(Slot s, FaultHandler predecessor) {
        FaultHandler h = ((OutboundFault) s.fault.attributes()).newHandler(context);
        int bit = predecessor != null ? predecessor.writabilityIndex() : freeBit();
        h.bind(s.fault, bit, predecessor);
        return h;
    }

    private int freeBit() {
        if (bits == null) {
            bits = new BitSet(MAX_BIT + 1);
        }
        int bit = bits.nextClearBit(1);
        if (bit > MAX_BIT) {
            log.warn("connection {}: more than {} faults on {}; {} holds bytes without backpressure", context.connectionId(),
                    MAX_BIT, context.stream().configName(), "the newest");
            return 0;
        }
        bits.set(bit);
        return bit;
    }

    private Slot slot(String name) {
        return slots.stream().filter(s -> s.fault.name().equals(name)).findFirst().orElse(null);
    }

    private static String name(Fault f) {
        return PREFIX + f.name();
    }

    /** One fault on this direction: whether it acts here, and its handler while installed. */
    private static final class Slot {
        Fault fault;
        boolean acts;
        FaultHandler handler;

        Slot(Fault fault, boolean acts) {
            this.fault = fault;
            this.acts = acts;
        }
    }
}
