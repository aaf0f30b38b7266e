package dev.synack.net;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's and the system's file descriptor limits and use, from /proc, to say in plain numbers why
 * an accept or a socket() failed with EMFILE or ENFILE. Each call reads /proc: call it when reporting,
 * not per connection. A process out of fds cannot open /proc to say so, so one fd is held in reserve
 * and let go just for the reading.
 */
public final class FdLimits {
    private static FileInputStream reserve = openReserve();

    private FdLimits() {}

    /** Opens the reserve fd (call once at start, before fds run short; the first use does it too). */
    public static synchronized void init() {
        if (reserve == null) {
            reserve = openReserve();
        }
    }

    private static FileInputStream openReserve() {
        try {
            return new FileInputStream("/dev/null");
        } catch (IOException e) {
            return null;
        }
    }

    /** The soft RLIMIT_NOFILE of this process (what {@code ulimit -n} shows), or -1 if unknown. */
    public static long processLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc not mounted
        }
        return -1;
    }

    /** How many fds this process has open now, or -1 if unknown. */
    public static long processOpen() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    /** The system-wide file handles in use and the maximum ({@code fs.file-nr}), or {@code {-1, -1}}. */
    public static long[] system() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/sys/fs/file-nr"));
            String[] f = lines.get(0).trim().split("\\s+");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[2])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /**
     * One line naming the limit behind an EMFILE ({@code system = false}) or ENFILE ({@code true}):
     * "too many open files: this process has 1021 of its limit of 1024 (ulimit -n)".
     */
    public static synchronized String describe(boolean system) {
        if (reserve != null) {
            try {
                reserve.close();
            } catch (IOException ignored) {
                // it is being given back either way
            }
        }
        try {
            return describeNow(system);
        } finally {
            reserve = openReserve();
        }
    }

    private static String describeNow(boolean system) {
        if (system) {
            long[] s = system();
            return "the system is out of file handles: " + s[0] + " in use of fs.file-max " + s[1];
        }
        // listing /proc/self/fd takes the reserve's place, so the count is what the process holds
        return "too many open files: this process has " + processOpen() + " open of its limit of " + processLimit()
                + " (ulimit -n; each proxied connection needs two)";
    }
}
