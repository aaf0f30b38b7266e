package dev.synack.soak;

import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One reading of a process's resources, taken inside it: resident memory, heap in use right after a full
 * GC, direct memory (Netty's own count of what it allocated outside the heap, plus the JDK's direct
 * buffers), open file descriptors, threads (every native thread: event loops, GC, JIT), and synack's open
 * sessions. Printed as one line: {@code sample RSS_KIB HEAP DIRECT FDS THREADS SESSIONS}.
 */
record ResourceSample(long rssKib, long heapAfterGc, long direct, int fds, int threads, int sessions) {
    static final String PREFIX = "sample ";

    /**
     * Reads this process's resources; {@code sessions} is asked just before and just after the descriptors
     * are counted, and the larger answer kept, so that sessions opening or closing meanwhile cannot make
     * their descriptors look like a leak.
     */
    static ResourceSample read(java.util.function.IntSupplier sessions) throws IOException {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long jdkDirect = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        long direct = Math.max(0, PlatformDependent.usedDirectMemory()) + jdkDirect;
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        int fds;
        int before = sessions.getAsInt();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            fds = (int) s.count() - 1; // the listing's own descriptor
        }
        int open = Math.max(before, sessions.getAsInt());
        return new ResourceSample(field(status, "VmRSS:"), heap, direct, fds, (int) field(status, "Threads:"), open);
    }

    private static long field(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name)).findFirst()
                .map(l -> Long.parseLong(l.substring(name.length()).trim().split("\\s+")[0])).orElse(-1L);
    }

    String line() {
        return PREFIX + rssKib + " " + heapAfterGc + " " + direct + " " + fds + " " + threads + " " + sessions;
    }

    static ResourceSample parse(String line) {
        String[] f = line.substring(PREFIX.length()).trim().split(" ");
        return new ResourceSample(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]));
    }
}
