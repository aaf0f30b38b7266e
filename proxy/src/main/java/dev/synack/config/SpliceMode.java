package dev.synack.config;

import java.util.Locale;

/**
 * Whether a proxy relays bytes with splice(2), kernel to kernel, where nothing needs them in user space
 * ({@code buffers.splice}). {@code AUTO} splices a direction on the epoll transport while no fault acts on
 * it, and falls back to copying the moment one does; {@code OFF} always copies through user space.
 */
public enum SpliceMode {
    AUTO, OFF;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
