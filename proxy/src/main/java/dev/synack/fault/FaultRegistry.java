package dev.synack.fault;

import dev.synack.config.KeySuggestion;
import dev.synack.fault.builtin.AcceptPause;
import dev.synack.fault.builtin.BandwidthHandler;
import dev.synack.fault.builtin.BlackholeHandler;
import dev.synack.fault.builtin.ConnectDelay;
import dev.synack.fault.builtin.DropFinHandler;
import dev.synack.fault.builtin.HangAfterHandler;
import dev.synack.fault.builtin.HoldFinHandler;
import dev.synack.fault.builtin.LatencyHandler;
import dev.synack.fault.builtin.LimitDataHandler;
import dev.synack.fault.builtin.NoopHandler;
import dev.synack.fault.builtin.Refuse;
import dev.synack.fault.builtin.ResetPeerHandler;
import dev.synack.fault.builtin.RstOnFinHandler;
import dev.synack.fault.builtin.SilentDropHandler;
import dev.synack.fault.builtin.SlicerHandler;
import dev.synack.fault.builtin.SlowCloseHandler;
import dev.synack.fault.builtin.TimeoutHandler;
import dev.synack.fault.builtin.ZeroWindowHandler;
import java.util.List;
import java.util.Optional;

/**
 * The one table of fault types: config checks, the admin API (toxic types, attributes and their JSON)
 * and {@code synack doctor} all read it. Adding a fault is a class, a test class and a line here; nothing
 * is found by scanning or registered by a static initialiser.
 */
public final class FaultRegistry {
    /** Every fault type, Toxiproxy's first with their names, then synack's. */
    public static final List<FaultType<?>> TYPES = List.of(
            FaultType.outbound("noop", "passes everything through", NoopHandler.Attributes.TABLE),
            FaultType.outbound("latency", "delays each chunk by latency ± jitter ms", LatencyHandler.Attributes.TABLE),
            FaultType.outbound("bandwidth", "passes at most rate KB/s; 0 stalls", BandwidthHandler.Attributes.TABLE),
            FaultType.outbound("slow_close", "delays the FIN by delay ms", SlowCloseHandler.Attributes.TABLE),
            FaultType.outbound("timeout", "drops data, ends the connection timeout ms after the last chunk", TimeoutHandler.Attributes.TABLE),
            FaultType.outbound("reset_peer", "resets the connection timeout ms after data arrives", ResetPeerHandler.Attributes.TABLE),
            FaultType.outbound("slicer", "cuts chunks into pieces of about average_size bytes, delay µs apart", SlicerHandler.Attributes.TABLE),
            FaultType.outbound("limit_data", "passes at most bytes bytes, then ends the connection", LimitDataHandler.Attributes.TABLE),
            FaultType.outbound("hold_fin", "holds the FIN for delay ms; bytes pass", HoldFinHandler.Attributes.TABLE),
            FaultType.outbound("drop_fin", "never passes the FIN; bytes pass", DropFinHandler.Attributes.TABLE),
            FaultType.outbound("rst_on_fin", "resets the connection where the FIN would leave", RstOnFinHandler.Attributes.TABLE),
            FaultType.outbound("hang_after", "after bytes or after ms, stops the direction without closing", HangAfterHandler.Attributes.TABLE),
            FaultType.outbound("zero_window", "stops reading the source, whose peer sees a zero window", ZeroWindowHandler.Attributes.TABLE),
            FaultType.outbound("silent_drop", "closes the socket sending neither FIN nor RST (TCP_REPAIR)", SilentDropHandler.Attributes.TABLE),
            FaultType.outbound("blackhole", "drops the connection's packets in the kernel (nftables)", BlackholeHandler.Attributes.TABLE),
            FaultType.connection("connect_delay", "connects to the service delay ms after accepting", ConnectDelay.Attributes.TABLE),
            FaultType.connection("refuse", "resets every new client at accept", Refuse.Attributes.TABLE),
            FaultType.connection("accept_pause", "accepts nothing while present", AcceptPause.Attributes.TABLE));

    private FaultRegistry() {}

    public static Optional<FaultType<?>> find(String name) {
        return TYPES.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return TYPES.stream().map(FaultType::name).toList();
    }

    /** The expected text of an unknown type: the nearest name when one is close, else every name. */
    static String expectedType(String unknown) {
        return KeySuggestion.expected(unknown == null ? "" : unknown, names());
    }
}
