package dev.synack.doctor;

import dev.synack.config.LimitsSpec;
import dev.synack.config.ProxySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares the open-file limit with what the proxies may hold: every proxied connection holds two
 * descriptors (the client's socket and the service's), so {@code 2 x max_connections} summed over the
 * proxies must fit; past the limit accept() fails with EMFILE and clients wait in the backlog.
 */
final class OpenFilesCheck {
    static final String PATH = "process.open_files";

    private OpenFilesCheck() {}

    static DoctorFinding check(List<ProxySpec> proxies, Optional<FileLimit> limit) {
        long sum = 0;
        List<String> unbounded = new ArrayList<>();
        for (int i = 0; i < proxies.size(); i++) {
            LimitsSpec limits = proxies.get(i).limits() != null ? proxies.get(i).limits() : LimitsSpec.DEFAULT;
            sum += limits.maxConnections();
            if (limits.maxConnections() == 0) {
                unbounded.add("proxies[" + i + "]");
            }
        }
        long needed = 2 * sum;
        String demand = "2 x max_connections summed over " + proxies.size() + (proxies.size() == 1 ? " proxy" : " proxies")
                + " = 2 x " + sum + " = " + needed + " descriptors (two per proxied connection: client and service)";
        if (limit.isEmpty()) {
            return new DoctorFinding(PATH, "?", DoctorStatus.INFO, "the open-file limit is not known here (" + FileLimit.SELF
                    + " not read), so it cannot be compared with " + demand, "");
        }
        FileLimit l = limit.get();
        if (l.unlimited()) {
            return new DoctorFinding(PATH, "unlimited", DoctorStatus.OK, "no limit on open files", "");
        }
        String shown = Long.toString(l.soft());
        if (!unbounded.isEmpty()) {
            return new DoctorFinding(PATH, shown, DoctorStatus.INFO, String.join(", ", unbounded)
                    + " set no max_connections (0): each connection holds two descriptors, so about " + l.soft() / 2
                    + " connections in all fit under this limit", "");
        }
        if (l.soft() >= needed) {
            return new DoctorFinding(PATH, shown, DoctorStatus.OK, "room for " + demand, "");
        }
        return new DoctorFinding(PATH, shown, DoctorStatus.WARNING, "room for about " + l.soft() / 2
                + " proxied connections only: the limits allow " + demand + "; past the limit accept fails (EMFILE)",
                fix(l, needed));
    }

    /** The JVM raises the soft limit to the hard one itself, so the hard limit is usually what must grow. */
    private static String fix(FileLimit l, long needed) {
        if (l.hard() < 0 || l.hard() >= needed) {
            return "ulimit -n " + needed + " in the shell that starts synack";
        }
        return "raise the hard limit before synack starts: LimitNOFILE=" + needed + " (systemd), --ulimit nofile="
                + needed + " (docker), or ulimit -Hn " + needed + " as root; or lower max_connections";
    }
}
