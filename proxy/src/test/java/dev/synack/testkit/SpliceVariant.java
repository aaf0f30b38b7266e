package dev.synack.testkit;

import dev.synack.net.Transport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The epoll transport with {@code buffers.splice: auto}, as one more case of {@link EachTransport}: the
 * test method gets {@link Transport#EPOLL}, and every {@link TestConfigs} built in that invocation (on its
 * thread) turns splicing on, so the relay suite's promises are checked on the splice path too.
 */
public final class SpliceVariant implements BeforeEachCallback, AfterEachCallback {
    /** The case's display name. */
    public static final String NAME = "EPOLL_SPLICE";
    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> false);

    /** The case to add to a transport source. */
    public static Named<Transport> epollSplice() {
        return Named.of(NAME, Transport.EPOLL);
    }

    /** Whether the running test invocation is the splice case. */
    public static boolean active() {
        return ACTIVE.get();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ACTIVE.set(context.getDisplayName().contains(NAME));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ACTIVE.remove();
    }
}
