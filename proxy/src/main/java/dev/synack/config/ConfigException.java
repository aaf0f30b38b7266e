package dev.synack.config;

import java.util.List;

/**
 * A configuration that cannot run, with every error found in it, one per line of the message. When a config
 * has more errors than the loader keeps (see {@link ErrorCollector}), the last line counts the others.
 */
public final class ConfigException extends Exception {
    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        this(errors, 0);
    }

    /** {@code notKept} more errors were found than {@code errors} holds. */
    ConfigException(List<ConfigError> errors, int notKept) {
        super(render(errors, notKept), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String render(List<ConfigError> errors, int notKept) {
        int total = errors.size() + notKept;
        StringBuilder sb = new StringBuilder(total == 1 ? "1 error" : total + " errors").append(" in config:");
        errors.forEach(e -> sb.append("\n  ").append(e));
        if (notKept > 0) {
            sb.append("\n  ... and ").append(notKept).append(" more");
        }
        return sb.toString();
    }
}
