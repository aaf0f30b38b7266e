package dev.synack.config;

import java.util.List;

/** A configuration that cannot run, with every error found in it. */
public final class ConfigException extends Exception {
    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(render(errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String render(List<ConfigError> errors) {
        StringBuilder sb = new StringBuilder(errors.size() == 1 ? "1 error" : errors.size() + " errors").append(" in config:");
        errors.forEach(e -> sb.append("\n  ").append(e));
        return sb.toString();
    }
}
