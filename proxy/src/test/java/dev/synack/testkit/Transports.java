package dev.synack.testkit;

import dev.synack.net.Transport;
import dev.synack.net.TransportChoice;
import java.util.stream.Stream;

/**
 * The transports that can run on this machine ({@link TransportChoice#available()}), as a source for
 * {@code @ParameterizedTest}: use {@link EachTransport} on a test method taking a {@link Transport}.
 */
public final class Transports {
    private Transports() {}

    public static Stream<Transport> available() {
        return TransportChoice.available().stream();
    }

    /** Referenced by {@link EachTransport}'s {@code @MethodSource}: each transport, and epoll again with splicing ({@link SpliceVariant}). */
    public static Stream<Object> cases() {
        Stream<Object> plain = available().map(t -> t);
        return available().anyMatch(t -> t == Transport.EPOLL) ? Stream.concat(plain, Stream.of(SpliceVariant.epollSplice())) : plain;
    }
}
