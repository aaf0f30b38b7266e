package dev.synack.app;

import dev.synack.config.ConfigError;
import java.util.List;

/**
 * How one reload went. {@code rejected}: the file could not be loaded or cannot run here; nothing changed
 * and {@code errors} says why. Otherwise {@code changes} lists what was done, one line each (empty: the
 * file changed nothing synack runs), {@code needsRestart} the top-level keys that changed but cannot
 * change while synack runs (ignored), and {@code errors} what could not be done (a listener that could not
 * bind), each on its config path: the rest applied, and the next reload tries those again.
 */
public record ReloadResult(boolean rejected, List<String> changes, List<String> needsRestart, List<ConfigError> errors) {
    public ReloadResult {
        changes = List.copyOf(changes);
        needsRestart = List.copyOf(needsRestart);
        errors = List.copyOf(errors);
    }

    static ReloadResult rejected(List<ConfigError> errors) {
        return new ReloadResult(true, List.of(), List.of(), errors);
    }

    /** Nothing to do: the file holds what already runs. */
    static final ReloadResult UNCHANGED = new ReloadResult(false, List.of(), List.of(), List.of());
}
