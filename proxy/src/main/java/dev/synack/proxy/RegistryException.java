package dev.synack.proxy;

import dev.synack.config.ConfigError;
import java.util.List;

/** A change the {@link ProxyRegistry} refused, with what kind of refusal it was and every reason found. */
public final class RegistryException extends Exception {
    /** Why a change was refused. */
    public enum Kind {
        /** No proxy has that name. */
        NOT_FOUND,
        /** Another proxy has that name. */
        ALREADY_EXISTS,
        /** The listener could not be bound (address in use, not local, ...). */
        CANNOT_LISTEN,
        /** The proxy's options cannot run here (an option the transport cannot apply, ...). */
        INVALID
    }

    private final Kind kind;
    private final transient List<ConfigError> errors;

    RegistryException(Kind kind, String message) {
        this(kind, message, List.of());
    }

    RegistryException(Kind kind, String message, List<ConfigError> errors) {
        super(message, null, false, false);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    /** The config errors behind an {@link Kind#INVALID} or {@link Kind#CANNOT_LISTEN} refusal, each with its path. */
    public List<ConfigError> errors() {
        return errors;
    }
}
