package dev.synack.doctor;

import dev.synack.config.KeepaliveSpec;
import dev.synack.config.Units;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Checks TCP keepalive: whether it is on, each of idle / interval / count against the range the kernel
 * accepts, and for those left unset the kernel defaults that then apply
 * ({@code net.ipv4.tcp_keepalive_time}, {@code _intvl}, {@code _probes}).
 */
final class KeepaliveCheck implements Check {
    /** One keepalive knob: its config key, the sysctl holding its default, the range setsockopt accepts. */
    private record Knob(String option, String sysctl, long max, boolean inSeconds) {}

    private static final Knob IDLE = new Knob("keepalive.idle", "net.ipv4.tcp_keepalive_time", 32_767, true);
    private static final Knob INTERVAL = new Knob("keepalive.interval", "net.ipv4.tcp_keepalive_intvl", 32_767, true);
    private static final Knob COUNT = new Knob("keepalive.count", "net.ipv4.tcp_keepalive_probes", 127, false);

    @Override
    public void check(Side side, List<DoctorFinding> out) {
        KeepaliveSpec k = side.spec().keepalive();
        if (k == null) {
            out.add(side.info("keepalive", "unset", "not set: SO_KEEPALIVE stays off, so a peer that vanished silently"
                    + " is noticed only when synack writes to it (or by user_timeout or the idle timeout)"));
            return;
        }
        if (!k.enabled()) {
            out.add(side.info("keepalive", "false", "disabled: no keepalive probes are sent on this side"));
            return;
        }
        List<DoctorFinding> knobs = new ArrayList<>();
        long idle = knob(side, IDLE, k.idle(), knobs);
        long interval = knob(side, INTERVAL, k.interval(), knobs);
        long count = knob(side, COUNT, k.count(), knobs);
        String detection = idle > 0 && interval > 0 && count > 0
                ? ": a silent peer is declared dead after idle + interval x count = "
                        + Format.seconds(idle + interval * count)
                : "";
        out.add(side.ok("keepalive", "true", "SO_KEEPALIVE on" + detection));
        out.addAll(knobs);
    }

    private static long knob(Side side, Knob knob, Duration value, List<DoctorFinding> out) {
        return value == null
                ? knob(side, knob, null, false, "unset", out)
                : knob(side, knob, value.toSeconds(), value.toMillis() % 1000 != 0, Units.formatDuration(value), out);
    }

    private static long knob(Side side, Knob knob, Integer value, List<DoctorFinding> out) {
        return value == null
                ? knob(side, knob, null, false, "unset", out)
                : knob(side, knob, (long) value, false, value.toString(), out);
    }

    /** Adds the finding for one knob and returns the value in effect (0 when unknown). */
    private static long knob(Side side, Knob knob, Long value, boolean fractional, String shown,
            List<DoctorFinding> out) {
        if (value == null) {
            OptionalLong fallback = side.sysctls().readLong(knob.sysctl());
            if (fallback.isEmpty()) {
                out.add(side.info(knob.option(), shown, Format.notReadable(side.sysctls(), knob.sysctl())));
                return 0;
            }
            long v = fallback.getAsLong();
            out.add(side.info(knob.option(), shown, "not set: the kernel default " + knob.sysctl() + "="
                    + v + " applies (" + (knob.inSeconds() ? Units.formatDuration(Duration.ofSeconds(v)) : v + " probes") + ")"));
            return v;
        }
        if (value < 1 || value > knob.max()) {
            out.add(side.wontApply(knob.option(), shown, "the kernel refuses values outside 1.." + knob.max()
                    + (knob.inSeconds() ? " seconds" : "") + " (EINVAL)", "set " + knob.option() + " between 1 and " + knob.max()));
            return 0;
        }
        if (fractional) {
            out.add(side.adjusted(knob.option(), shown, "the kernel takes whole seconds: effective "
                    + Units.formatDuration(Duration.ofSeconds(value), ChronoUnit.SECONDS), ""));
        } else {
            out.add(side.ok(knob.option(), shown, knob.inSeconds() ? "takes effect as " + Format.seconds(value) : value + " probes"));
        }
        return value;
    }
}
