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

    /** Referenced by {@link EachTransport}'s {@code @MethodSource}. */
    public static Stream<Transport> available() {
        return TransportChoice.available().stream();
    }
}
