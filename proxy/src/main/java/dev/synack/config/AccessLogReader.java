package dev.synack.config;

import java.util.List;

/**
 * Reads the top-level {@code access_log} block: {@code enabled} and {@code path} ({@code -} for standard
 * output, or a file). An omitted block is {@link AccessLogSpec#DEFAULT}, an omitted key that key of the
 * default. Whether the file can be opened is learnt when synack starts, which names the same path.
 */
final class AccessLogReader {
    static final List<String> KEYS = List.of("enabled", "path");

    /** Far beyond any real path, and short enough that one bad value stays one readable error. */
    private static final int MAX_PATH = 4096;

    private AccessLogReader() {}

    static AccessLogSpec read(Node n) {
        AccessLogSpec d = AccessLogSpec.DEFAULT;
        if (!n.mapping(KEYS, Expect.mappingOf(KEYS))) {
            return d;
        }
        Boolean enabled = n.get("enabled").bool();
        return new AccessLogSpec(Values.or(enabled, d.enabled()), Values.or(path(n.get("path")), d.path()));
    }

    private static String path(Node n) {
        String p = n.text(Expect.ACCESS_LOG_PATH);
        if (p == null) {
            return null;
        }
        boolean valid = !p.isBlank() && p.length() <= MAX_PATH && p.chars().noneMatch(Character::isISOControl);
        return valid ? p : n.fail(Expect.ACCESS_LOG_PATH);
    }
}
