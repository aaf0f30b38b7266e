package dev.synack.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.SocketOption;
import org.junit.jupiter.api.Test;

/** The table says which transports can apply an entry, the access map says how: the two must agree. */
class SocketOptionAccessTest {
    @Test
    void eachTransportHasAnAccessForExactlyTheEntriesTheTableGivesIt() {
        for (Transport t : Transport.values()) {
            for (SocketOption o : SocketOption.values()) {
                assertThat(SocketOptionAccess.of(o, t) != null).as("%s on %s", o, t).isEqualTo(o.supports(t.kind()));
            }
        }
    }

    @Test
    void nativeTransportsApplyPlainIntegerOptionsByTheTablesKernelNumbers() {
        assertThat(SocketOptionAccess.of(SocketOption.WINDOW_CLAMP, Transport.EPOLL))
                .isEqualTo(new OptionAccess.Int(SocketOption.WINDOW_CLAMP.kernel()));
        assertThat(SocketOptionAccess.of(SocketOption.DEFER_ACCEPT, Transport.IO_URING))
                .isEqualTo(new OptionAccess.Int(SocketOption.DEFER_ACCEPT.kernel()));
    }
}
