package dev.synack.net;

import dev.synack.config.SocketOption;
import java.util.function.Consumer;

/**
 * One row of the per-option socket test: what to ask for on each side, what each socket should then
 * report (through the tuner and through a literal getsockopt), and what {@code ss} must show.
 *
 * @param field the SocketSpec component to set
 * @param down value asked on the downstream side (null: not on that side)
 * @param up value asked on the upstream side (null: not on that side)
 * @param level getsockopt level for the independent check
 * @param optname getsockopt option number; -1 for none (listen backlog, tcp_info)
 * @param onListener expected effective value on the listener, null if not read there
 * @param onAccepted expected effective value on the accepted socket, null if not read there
 * @param onUpstream expected effective value on the connecting socket, null if not read there
 * @param note a text the note of every reading of the option must contain, or null for no note
 * @param ss checks against the kernel's ss view, or null when ss does not show the option
 */
record OptionCase(
        SocketOption option, String field, Object down, Object up, int level, int optname,
        Object onListener, Object onAccepted, Object onUpstream, String note, Consumer<Checked> ss) {

    /** What an ss check sees: the pair and ss's records of its three sockets. */
    record Checked(LoopbackPair pair, SsView view) {}

    @Override
    public String toString() {
        return option.name().toLowerCase(java.util.Locale.ROOT);
    }
}
