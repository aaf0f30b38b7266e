package dev.synack.fault;

import dev.synack.config.Cidr;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.time.Clock;
import dev.synack.time.ManualClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * A channel's outbound path in virtual time, for fault tests: an {@link EmbeddedChannel} whose pipeline
 * has a recording {@value FaultChain#TAIL} and a relay stand-in, a {@link FaultChain} attached to it, a
 * {@link ManualClock}, a seeded generator and socket states the test moves ({@link FakeSocketStates}). What
 * reaches the tail is recorded with its virtual time; what the faults report (applied, discarded) too.
 */
public final class FaultBench implements FaultContext {
    public final ManualClock clock = new ManualClock();
    public final EmbeddedChannel channel = new EmbeddedChannel();
    public final List<Event> events = new ArrayList<>();
    public final List<Fault> applied = new ArrayList<>();
    public final List<Boolean> writabilityChanges = new ArrayList<>();
    /** The sockets' TCP states an on_state trigger waits for; actions run on the channel's loop ({@link #settle()}). */
    public final FakeSocketStates states = new FakeSocketStates(channel.eventLoop());
    public final FaultChain chain;
    public long discarded;
    private final RandomGenerator random;
    private final FaultStream stream;
    private InetSocketAddress client = new InetSocketAddress("127.0.0.1", 40000);
    /** The latency faults' budget: the process's size, but this bench's own unless a test shares one. */
    private LatencyBudget budget = new LatencyBudget(LatencyBudget.shared().capacity());

    /** One thing that reached the tail: bytes or an end, at a virtual time. */
    public record Event(long nanos, byte[] bytes, StreamEnd end) {
        public long millis() {
            return TimeUnit.NANOSECONDS.toMillis(nanos);
        }

        @Override
        public String toString() {
            return millis() + "ms:" + (end != null ? end : new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    public FaultBench() {
        this(FaultStream.DOWNSTREAM, 1);
    }

    public FaultBench(FaultStream stream, long seed) {
        this.stream = stream;
        this.random = new SplittableRandom(seed);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(32 * 1024, 64 * 1024));
        channel.pipeline().addLast(FaultChain.TAIL, new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof ByteBuf b) {
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    b.release();
                    events.add(new Event(clock.nanoTime(), bytes, null));
                } else {
                    events.add(new Event(clock.nanoTime(), null, (StreamEnd) msg));
                }
                promise.setSuccess();
            }
        });
        channel.pipeline().addLast("synack.relay", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                writabilityChanges.add(ctx.channel().isWritable());
            }
        });
        chain = new FaultChain(this);
        chain.attach(channel.pipeline());
    }

    /** Gives the bench's latency faults {@code budget}, before they are added (two benches may share one). */
    public FaultBench budget(LatencyBudget budget) {
        this.budget = budget;
        return this;
    }

    public FaultBench client(String address) {
        client = new InetSocketAddress(address, 40000);
        return this;
    }

    /** A fault of this bench's stream with the given attributes. */
    public static Fault fault(String type, Map<String, ?> attributes) {
        return fault(type, FaultStream.DOWNSTREAM, 1.0, TriggerSpec.NONE, attributes);
    }

    public static Fault fault(String type, FaultStream stream, double toxicity, TriggerSpec trigger, Map<String, ?> attributes) {
        return fault(null, type, stream, toxicity, List.of(), trigger, attributes);
    }

    public static Fault fault(String name, String type, FaultStream stream, double toxicity, List<Cidr> clients,
            TriggerSpec trigger, Map<String, ?> attributes) {
        try {
            return Fault.create(name, type, stream, toxicity, clients, trigger, attributes);
        } catch (FaultException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public FaultBench add(Fault f) {
        chain.add(f);
        settle();
        return this;
    }

    public ChannelPromise write(String text) {
        return write(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Writes and flushes bytes into the outbound path, as the relay does. */
    public ChannelPromise write(byte[] bytes) {
        ChannelPromise p = channel.newPromise();
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes), p);
        settle();
        return p;
    }

    public ChannelPromise fin() {
        ChannelPromise p = channel.newPromise();
        channel.writeAndFlush(StreamEnd.FIN, p);
        settle();
        return p;
    }

    public ChannelPromise reset() {
        ChannelPromise p = channel.newPromise();
        channel.writeAndFlush(StreamEnd.RESET, p);
        settle();
        return p;
    }

    public void advanceMillis(long ms) {
        clock.advanceMillis(ms);
        settle();
    }

    public void advanceMicros(long us) {
        clock.advance(us, TimeUnit.MICROSECONDS);
        settle();
    }

    public void settle() {
        channel.runPendingTasks();
    }

    /** Every byte that reached the tail, in order. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        events.stream().filter(e -> e.bytes() != null).forEach(e -> out.writeBytes(e.bytes()));
        return out.toByteArray();
    }

    public String text() {
        return new String(bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The ends that reached the tail, in order. */
    public List<StreamEnd> ends() {
        return events.stream().filter(e -> e.end() != null).map(Event::end).toList();
    }

    public long endMillis() {
        return events.stream().filter(e -> e.end() != null).findFirst().map(Event::millis).orElse(-1L);
    }

    /** Fault handler names in the pipeline, from the head. */
    public List<String> faultHandlers() {
        return channel.pipeline().names().stream().filter(n -> n.startsWith(FaultChain.PREFIX)).toList();
    }

    @Override public long connectionId() { return 7; }
    @Override public InetSocketAddress client() { return client; }
    @Override public FaultStream stream() { return stream; }
    @Override public Clock clock() { return clock; }
    @Override public RandomGenerator random() { return random; }
    @Override public void applied(Fault fault) { applied.add(fault); }
    @Override public void discarded(long bytes) { discarded += bytes; }
    @Override public LatencyBudget latencyBudget() { return budget; }

    @Override
    public dev.synack.observe.SocketStates.Registration whenState(dev.synack.observe.Side side, String state, Runnable action) {
        return states.whenState(connectionId(), side, state, action);
    }
}
