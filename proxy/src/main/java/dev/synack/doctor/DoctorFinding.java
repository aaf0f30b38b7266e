package dev.synack.doctor;

import java.util.Objects;

/**
 * One thing {@link Doctor} found about one option or kernel fact.
 *
 * @param path the config path it is about ({@code proxies[0].downstream.fast_open}), or for a general
 *     kernel fact {@code kernel.} followed by the sysctl name ({@code kernel.net.ipv4.tcp_sack})
 * @param requested the value asked for in config as written there ({@code 256KiB}, {@code unset}); for a
 *     kernel fact the sysctl's current value
 * @param why in plain language, what the kernel will do with it and why
 * @param fix the exact command that fixes it, or empty when there is nothing to fix
 */
public record DoctorFinding(String path, String requested, DoctorStatus status, String why, String fix) {
    /** The group every general kernel fact belongs to. */
    public static final String KERNEL = "kernel";

    public DoctorFinding {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(why, "why");
        fix = fix == null ? "" : fix;
    }

    /**
     * The proxy and side this finding belongs to ({@code proxies[0].downstream}), the proxy itself for a
     * field of its own ({@code proxies[0]} for {@code proxies[0].listen}), {@code process} for
     * {@code process.open_files}, or {@code kernel}.
     */
    public String group() {
        if (path.startsWith(KERNEL + ".") || path.equals(KERNEL)) {
            return KERNEL;
        }
        int first = path.indexOf('.');
        if (first < 0) {
            return path;
        }
        int second = path.indexOf('.', first + 1);
        return path.substring(0, second < 0 ? first : second);
    }

    /** The path below its group ({@code fast_open}, {@code keepalive.idle}, {@code net.ipv4.tcp_sack}). */
    public String option() {
        String group = group();
        return path.length() > group.length() ? path.substring(group.length() + 1) : path;
    }

    public boolean hasFix() {
        return !fix.isEmpty();
    }
}
