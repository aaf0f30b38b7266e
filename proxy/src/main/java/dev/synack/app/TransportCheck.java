package dev.synack.app;

import dev.synack.config.ConfigError;
import dev.synack.config.SynackConfig;
import dev.synack.net.Transport;
import java.util.List;

/** The config errors that only the chosen transport reveals: options it cannot apply. */
final class TransportCheck {
    private TransportCheck() {}

    static List<ConfigError> check(SynackConfig config, Transport transport) {
        return List.of();
    }
}
