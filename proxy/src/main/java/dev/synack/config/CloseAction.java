package dev.synack.config;

/** How synack ends the other leg: {@code RESET} sends an RST (SO_LINGER 0), {@code CLOSE} a FIN after pending data. */
public enum CloseAction {
    RESET, CLOSE
}
