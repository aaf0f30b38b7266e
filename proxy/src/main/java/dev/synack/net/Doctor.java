package dev.synack.net;

import dev.synack.config.SynackConfig;

/**
 * Reads the sysctls that decide whether a config can work and says, option by option, what will take
 * effect, what will not, why, and the command that fixes it.
 */
public final class Doctor {
    private Doctor() {}

    public static DoctorReport examine(SynackConfig config, Transport transport, Sysctls sysctls) {
        throw new UnsupportedOperationException("not yet");
    }
}
