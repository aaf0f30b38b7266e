package dev.synack.config;

import java.time.Duration;

/** TCP keepalive: SO_KEEPALIVE plus TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT. A null field leaves the kernel's value. */
public record KeepaliveSpec(boolean enabled, Duration idle, Duration interval, Integer count) {
}
