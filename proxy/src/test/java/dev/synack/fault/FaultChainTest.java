package dev.synack.fault;

import static dev.synack.fault.FaultBench.fault;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.Cidr;
import dev.synack.config.FaultStream;
import dev.synack.config.TriggerSpec;
import dev.synack.fault.FaultBench.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain of one direction: order in the pipeline, toxicity and clients, live add/update/remove, triggers. */
class FaultChainTest {
    private static Fault named(String name, String type, double toxicity, Map<String, ?> attributes) {
        return fault(name, type, FaultStream.DOWNSTREAM, toxicity, List.of(), TriggerSpec.NONE, attributes);
    }

    private static Fault lag(String name, long ms) {
        return named(name, "latency", 1, Map.of("latency", ms));
    }

    @Test
    void newerFaultsSitNearerTheTailSoBytesPassOlderOnesFirst() {
        FaultBench b = new FaultBench().add(lag("a", 10)).add(lag("b", 20));
        assertThat(b.channel.pipeline().names()).containsSubsequence(FaultChain.TAIL, "synack.fault.b", "synack.fault.a", "synack.relay");
        b.write("x");
        b.advanceMillis(30);
        assertThat(b.events).extracting(Event::millis).containsExactly(30L);
    }

    @Test
    void faultsStartedBeforeTheChannelExistsAreInstalledInOrderOnAttach() {
        FaultBench b = new FaultBench();
        FaultChain early = new FaultChain(b);
        early.add(lag("a", 10));
        early.add(lag("b", 20));
        io.netty.channel.embedded.EmbeddedChannel ch = new io.netty.channel.embedded.EmbeddedChannel();
        ch.pipeline().addLast(FaultChain.TAIL, new io.netty.channel.ChannelOutboundHandlerAdapter());
        early.attach(ch.pipeline());
        assertThat(ch.pipeline().names()).containsSubsequence(FaultChain.TAIL, "synack.fault.b", "synack.fault.a");
    }

    @Test
    void aFaultThatLosesItsDrawGetsNoHandler() {
        FaultBench b = new FaultBench().add(named("never", "timeout", 0, Map.of()));
        assertThat(b.faultHandlers()).isEmpty();
        assertThat(b.chain.acting()).isEmpty();
        b.write("abc");
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.applied).isEmpty();
    }

    @Test
    void clientBlocksLimitTheFault() {
        Fault onlyTen = fault("ten", "timeout", FaultStream.DOWNSTREAM, 1, List.of(Cidr.parse("10.0.0.0/8")), TriggerSpec.NONE, Map.of());
        assertThat(new FaultBench().client("127.0.0.1").add(onlyTen).faultHandlers()).isEmpty();
        assertThat(new FaultBench().client("10.1.2.3").add(onlyTen).faultHandlers()).containsExactly("synack.fault.ten");
    }

    @Test
    void faultsOfTheOtherStreamOrAtConnectionLevelAreNotThisChainsBusiness() {
        FaultBench b = new FaultBench()
                .add(fault("latency", FaultStream.UPSTREAM, 1, TriggerSpec.NONE, Map.of("latency", 10)))
                .add(fault("refuse", Map.of()));
        assertThat(b.faultHandlers()).isEmpty();
    }

    @Test
    void anUpdateThatLosesTheDrawRemovesTheHandlerPassingWhatItHeld() {
        FaultBench b = new FaultBench().add(lag("a", 100));
        b.write("abc");
        b.chain.update(named("a", "latency", 0, Map.of("latency", 100)));
        b.settle();
        assertThat(b.faultHandlers()).isEmpty();
        assertThat(b.text()).isEqualTo("abc");
    }

    @Test
    void anUpdateThatWinsTheDrawInstallsAtTheFaultsOwnPlace() {
        FaultBench b = new FaultBench().add(lag("a", 1)).add(named("b", "latency", 0, Map.of("latency", 2))).add(lag("c", 3));
        assertThat(b.faultHandlers()).containsExactly("synack.fault.c", "synack.fault.a");
        b.chain.update(lag("b", 2));
        assertThat(b.faultHandlers()).containsExactly("synack.fault.c", "synack.fault.b", "synack.fault.a");
    }

    @Test
    void addingAnExistingNameUpdatesIt() {
        FaultBench b = new FaultBench().add(lag("a", 100));
        b.add(lag("a", 10));
        assertThat(b.faultHandlers()).containsExactly("synack.fault.a");
        b.write("x");
        b.advanceMillis(10);
        assertThat(b.text()).isEqualTo("x");
    }

    @Test
    void anUpdateToAnotherTypeStartsAfreshAfterPassingWhatTheOldOneHeld() {
        FaultBench b = new FaultBench().add(named("x", "bandwidth", 1, Map.of("rate", 0)));
        b.write(new byte[70_000]);
        assertThat(b.channel.isWritable()).isFalse();
        b.chain.update(named("x", "noop", 1, Map.of()));
        b.settle();
        assertThat(b.bytes()).hasSize(70_000);
        assertThat(b.channel.isWritable()).isTrue();
        assertThat(b.channel.pipeline().get("synack.fault.x")).isInstanceOf(dev.synack.fault.builtin.NoopHandler.class);
    }

    @Test
    void eachHandlerHoldsTheChannelBackThroughItsOwnBit() {
        FaultBench b = new FaultBench()
                .add(named("cut1", "bandwidth", 1, Map.of("rate", 0)))
                .add(named("zero", "zero_window", 1, Map.of()));
        b.write(new byte[70_000]);
        assertThat(b.channel.isWritable()).isFalse();
        b.chain.remove("zero");
        b.settle();
        assertThat(b.channel.isWritable()).as("cut1 still holds 70000 bytes").isFalse();
        b.chain.remove("cut1");
        b.settle();
        assertThat(b.channel.isWritable()).isTrue();
        assertThat(b.bytes()).hasSize(70_000);
    }

    @Test
    void afterBytesPassesThatManyUntouchedThenTheFaultActs() {
        FaultBench b = new FaultBench().add(fault("latency", FaultStream.DOWNSTREAM, 1, TriggerSpec.afterBytes(3), Map.of("latency", 100)));
        b.write("ab");
        b.write("cde");
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.applied).hasSize(1);
        b.advanceMillis(100);
        assertThat(b.text()).isEqualTo("abcde");
    }

    @Test
    void afterTimePassesEverythingUntilThen() {
        FaultBench b = new FaultBench().add(fault("timeout", FaultStream.DOWNSTREAM, 1, TriggerSpec.after(java.time.Duration.ofSeconds(1)),
                Map.of("timeout", 0)));
        b.write("abc");
        b.advanceMillis(1000);
        b.write("def");
        assertThat(b.text()).isEqualTo("abc");
        assertThat(b.discarded).isEqualTo(3);
    }

    @Test
    void aFaultRemovedBeforeItsTriggerFiredLeavesQuietly() {
        FaultBench b = new FaultBench().add(fault("timeout", FaultStream.DOWNSTREAM, 1, TriggerSpec.after(java.time.Duration.ofSeconds(1)),
                Map.of("timeout", 0)));
        b.chain.remove("timeout_downstream");
        b.advanceMillis(2000);
        assertThat(b.events).isEmpty();
        assertThat(b.applied).isEmpty();
    }

    @Test
    void changesAfterTheChannelClosedAreHarmless() {
        FaultBench b = new FaultBench().add(lag("a", 100));
        b.write("abc");
        b.channel.close();
        b.chain.update(lag("a", 5));
        b.chain.add(lag("b", 5));
        assertThat(b.chain.remove("a")).isTrue();
        assertThat(b.chain.remove("nope")).isFalse();
    }

    @Test
    void sessionFaultsRouteByStreamAndRemoveByName() {
        FaultBench down = new FaultBench(FaultStream.DOWNSTREAM, 1);
        FaultBench up = new FaultBench(FaultStream.UPSTREAM, 1);
        Fault upLag = fault("up", "latency", FaultStream.UPSTREAM, 1, List.of(), TriggerSpec.NONE, Map.of("latency", 5));
        SessionFaults s = new SessionFaults(up, down, List.of(lag("down", 5), upLag));
        io.netty.channel.embedded.EmbeddedChannel upChannel = new io.netty.channel.embedded.EmbeddedChannel();
        upChannel.pipeline().addLast(FaultChain.TAIL, new io.netty.channel.ChannelOutboundHandlerAdapter());
        s.attach(FaultStream.UPSTREAM, upChannel);
        assertThat(upChannel.pipeline().names()).contains("synack.fault.up").doesNotContain("synack.fault.down");
        assertThat(s.chain(FaultStream.DOWNSTREAM).acting()).extracting(Fault::name).containsExactly("down");
        assertThat(s.remove("up")).isTrue();
        assertThat(upChannel.pipeline().names()).doesNotContain("synack.fault.up");
    }
}
