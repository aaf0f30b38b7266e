package dev.synack.config;

/**
 * The access log: one JSON line per ended connection and per connection rejected at accept, written when
 * {@code enabled} to {@code path}: {@link #STDOUT} for standard output, else a file appended to (created
 * if missing). Off by default.
 */
public record AccessLogSpec(boolean enabled, String path) {
    /** The path that means standard output. */
    public static final String STDOUT = "-";

    public static final AccessLogSpec DEFAULT = new AccessLogSpec(false, STDOUT);

    /** Whether the lines go to standard output rather than a file. */
    public boolean toStdout() {
        return STDOUT.equals(path);
    }
}
