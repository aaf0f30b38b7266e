package dev.synack.net;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;

/** Thread factories with readable names; event loop threads are daemons so a stuck shutdown cannot pin the JVM. */
final class Threads {
    private Threads() {}

    static ThreadFactory named(String prefix) {
        return new DefaultThreadFactory(prefix, true);
    }
}
