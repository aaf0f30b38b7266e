package dev.synack.cli;

import io.netty.util.ResourceLeakDetector;

/**
 * Turns Netty's buffer leak detection off in the synack process unless the operator asked for a level.
 * At its default level it records a stack trace for about one buffer in 128, which showed in the profile
 * of a {@code Connection: close} load at about half a microsecond per connection; the test suite, which
 * runs synack in its own JVM without this entry point, keeps it on.
 */
final class LeakDetection {
    private LeakDetection() {}

    /** Leaves the level alone when {@code io.netty.leakDetection.level} (or its old name) is set. */
    static void offUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
