package dev.synack.doctor;

import dev.synack.net.Sysctls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process's limit on open files (RLIMIT_NOFILE, {@code ulimit -n}) as {@code /proc/self/limits} shows
 * it. HotSpot raises its soft limit to the hard limit when it starts (MaxFDLimit, on by default), so in a
 * JVM the two are usually equal, and this JVM's limit is the one a synack started the same way will have.
 *
 * @param soft the soft limit, the one the kernel enforces; -1 for unlimited
 * @param hard the most the soft limit may be raised to without privilege; -1 for unlimited
 */
record FileLimit(long soft, long hard) {
    static final Path SELF = Path.of("/proc/self/limits");
    private static final Pattern LINE = Pattern.compile("Max open files\\s+(\\S+)\\s+(\\S+).*");

    /** This process's limit when the sysctls examined are this machine's; unknown for a stand-in. */
    static Optional<FileLimit> forSysctls(Sysctls sysctls) {
        return sysctls.root().equals(Path.of("/proc/sys")) ? read(SELF) : Optional.empty();
    }

    /** The {@code Max open files} line of a limits file; empty when it cannot be read. */
    static Optional<FileLimit> read(Path limits) {
        try {
            for (String line : Files.readAllLines(limits)) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    return Optional.of(new FileLimit(value(m.group(1)), value(m.group(2))));
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // no /proc here, or a format this reader does not know: the limit stays unknown
        }
        return Optional.empty();
    }

    boolean unlimited() {
        return soft < 0;
    }

    private static long value(String text) {
        return text.equals("unlimited") ? -1 : Long.parseLong(text);
    }
}
