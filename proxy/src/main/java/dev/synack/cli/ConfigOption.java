package dev.synack.cli;

import dev.synack.config.ConfigError;
import dev.synack.config.ConfigException;
import dev.synack.config.ConfigLoader;
import dev.synack.config.SynackConfig;
import dev.synack.net.TransportChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code -c FILE} option shared by {@code run} and {@code doctor}, and loading the file it names. */
final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE", defaultValue = "config/synack.yaml",
            description = "Config file, YAML (or JSON when it ends in .json). Default: ${DEFAULT-VALUE}, "
                    + "relative to the current directory.")
    Path file;

    /** The validated config, or a {@link ConfigException} with every error (a missing file is one too). */
    SynackConfig load() throws ConfigException {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of(new ConfigError(file.toString(),
                    Files.exists(file) ? "not a regular file" : "no such file", "a YAML or JSON config file")));
        }
        return ConfigLoader.load(file);
    }

    /** The transport the config asks for; one this machine cannot run is a config error, as in {@code run}. */
    static TransportChoice chooseTransport(SynackConfig config) throws ConfigException {
        try {
            return TransportChoice.choose(config.transport());
        } catch (IllegalStateException e) {
            throw new ConfigException(List.of(new ConfigError("transport", '"' + config.transport().configName() + '"',
                    "a transport available here (" + e.getMessage() + ")")));
        }
    }
}
