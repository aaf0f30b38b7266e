package dev.synack.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synack.fault.StreamEnd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The outbound path of one socket on an embedded channel: bytes, FIN and RST reach the socket in the
 * order they were written, the FIN only after the bytes before it, whatever sits in the fault slot; and
 * the tail reports each to the session exactly once.
 */
class OutboundTailTest {
    private final List<String> reported = new ArrayList<>();
    private final TailEvents events = new TailEvents() {
        @Override public void written(Channel ch, int n) { reported.add("written:" + n); }
        @Override public void finSent(Channel ch) { reported.add("finSent"); }
        @Override public void resetSent(Channel ch) { reported.add("resetSent"); }
        @Override public void vanished(Channel ch) { reported.add("vanished"); }
        @Override public void socketClosed(Channel ch) { reported.add("socketClosed"); }
    };

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void theFinLeavesAfterTheBytesBeforeItEvenUnflushed() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        ch.write(bytes("hello"));
        ch.write(bytes("world!"));
        ch.write(StreamEnd.FIN);

        assertThat(ch.socket).containsExactly("bytes:5", "bytes:6", "FIN");
        assertThat(reported).containsExactly("written:5", "written:6", "finSent");
        assertThat(ch.isOpen()).as("half-closed, not closed").isTrue();
    }

    @Test
    void aFinWithNothingQueuedGoesAtOnce() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        ch.write(StreamEnd.FIN);
        assertThat(ch.socket).containsExactly("FIN");
        assertThat(reported).containsExactly("finSent");
    }

    @Test
    void onceThePeersFinWasReadOurFinClosesTheSocket() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        ch.peerFinRead();
        ch.writeAndFlush(bytes("last"));
        ch.write(StreamEnd.FIN);

        assertThat(ch.socket).containsExactly("bytes:4", "close");
        assertThat(reported).containsExactly("written:4", "finSent", "socketClosed");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void resetClosesAtOnceAndIsReportedOnce() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        ch.writeAndFlush(bytes("abc"));
        ch.write(StreamEnd.RESET);
        ch.write(StreamEnd.RESET);

        assertThat(ch.socket).containsExactly("bytes:3", "close");
        assertThat(reported).containsExactly("written:3", "resetSent", "socketClosed");
    }

    @Test
    void aHandlerInTheFaultSlotDelaysTheFinBehindTheBytesItHolds() {
        Holding slot = new Holding();
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel();
        ch.pipeline().addLast(OutboundTail.NAME, new OutboundTail(events)).addAfter(OutboundTail.NAME, "fault", slot);

        ch.write(bytes("one"));
        ch.write(bytes("two"));
        ch.write(StreamEnd.FIN);
        ch.flush();
        assertThat(ch.socket).as("nothing passes while the fault holds").isEmpty();
        assertThat(reported).isEmpty();

        slot.releaseAll();
        assertThat(ch.socket).containsExactly("bytes:3", "bytes:3", "FIN");
        assertThat(reported).containsExactly("written:3", "written:3", "finSent");
    }

    @Test
    void emptyBuffersAreNotCounted() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER);
        assertThat(reported).isEmpty();
    }

    @Test
    void writesWithTheVoidPromiseAreCountedInOrderWithoutAPromiseEach() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        ch.write(bytes("a"), ch.voidPromise());
        ch.write(bytes("bb"), ch.voidPromise());
        ch.write(bytes("ccc"), ch.voidPromise());
        assertThat(reported).as("nothing is written before the flush").isEmpty();
        ch.flush();
        // More queued than the tally's first queue holds, starting mid-queue: it grows and wraps in order.
        for (int i = 1; i <= 9; i++) {
            ch.write(bytes("x".repeat(i)), ch.voidPromise());
        }
        ch.flush();
        ch.write(StreamEnd.FIN, ch.voidPromise());

        assertThat(reported).containsExactly("written:1", "written:2", "written:3", "written:1", "written:2",
                "written:3", "written:4", "written:5", "written:6", "written:7", "written:8", "written:9", "finSent");
        assertThat(ch.socket).endsWith("bytes:9", "FIN");
    }

    @Test
    void oneWriteAtATimeAsInAKeptAliveExchange() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        for (String s : new String[] {"GET", "200 OK", "GET /next", "204"}) {
            ch.writeAndFlush(bytes(s), ch.voidPromise());
        }
        ch.write(bytes("queued"), ch.voidPromise());
        ch.write(bytes("behind"), ch.voidPromise());
        ch.flush();
        assertThat(reported).containsExactly("written:3", "written:6", "written:9", "written:3", "written:6", "written:6");
    }

    @Test
    void writesThatFailAreNotCountedAndReachThePipelineAsTheVoidPromisesWould() {
        DuplexEmbeddedChannel ch = new DuplexEmbeddedChannel(new OutboundTail(events));
        ch.breakAfter(2);
        ch.write(bytes("one"), ch.voidPromise());
        ch.write(bytes("four"), ch.voidPromise());
        ch.write(bytes("seven"), ch.voidPromise());
        ch.write(bytes("ten"), ch.newPromise()); // a writer's own promise, counted by its listener
        ch.flush();

        assertThat(reported).containsExactly("written:3", "written:4", "socketClosed");
        assertThatThrownBy(ch::checkException).isInstanceOf(IOException.class).hasMessage("Broken pipe");
        ch.write(bytes("late"), ch.voidPromise());
        assertThat(reported).as("a write to the closed socket is not counted either")
                .containsExactly("written:3", "written:4", "socketClosed");
    }

    @Test
    void theTallyTakesNoListener() {
        WriteTally tally = new WriteTally(new DuplexEmbeddedChannel(), events);
        assertThat(tally.setUncancellable()).isTrue();
        assertThat(tally.cancel(true)).isFalse();
        assertThat(tally.isDone()).isFalse();
        assertThatThrownBy(() -> tally.addListener(f -> { })).isInstanceOf(UnsupportedOperationException.class);
        tally.queued(7).trySuccess();
        assertThat(tally.isDone()).as("done for nobody, whatever completed").isFalse();
        assertThat(tally.owed()).isZero();
        assertThat(reported).containsExactly("written:7");
    }

    /** A fault-slot handler that holds every message until told to pass them on, in order. */
    private static final class Holding extends ChannelOutboundHandlerAdapter {
        private final ArrayDeque<Object[]> held = new ArrayDeque<>();
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            held.add(new Object[] {msg, promise});
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            // holds: nothing to flush until released
        }

        void releaseAll() {
            while (!held.isEmpty()) {
                Object[] m = held.poll();
                ctx.write(m[0], (ChannelPromise) m[1]);
            }
            ctx.flush();
        }
    }
}
