package dev.synack.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A trigger on a TCP state: the fault starts acting on a connection when that connection's proxy socket on
 * {@code socket} ({@code downstream}: the accepted client socket, {@code upstream}: synack's socket to the
 * service) enters {@code state}, or at once if it is in it already. The states are those the mirror engine
 * follows, so the trigger needs the mirror on.
 */
public record OnStateSpec(Socket socket, String state) {
    /**
     * The eleven states of RFC 9293 as the mirror spells them (its {@code TcpState}, which config does not
     * import: a test keeps the two lists equal).
     */
    public static final List<String> STATES = List.of("CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED",
            "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT");

    /** What an on_state trigger needs when the mirror is off, in config errors and registry refusals alike. */
    public static final String NEEDS_MIRROR = "the mirror on (mirror: {enabled: true} at the top of the config): on_state "
            + "fires on the socket states the mirror engine follows, and the mirror is off";

    /** Which of a connection's two proxy sockets the trigger watches. */
    public enum Socket {
        DOWNSTREAM, UPSTREAM;

        /** {@code downstream} or {@code upstream}, as written in config. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OnStateSpec {
        Objects.requireNonNull(socket, "socket");
        if (!STATES.contains(state)) {
            throw new IllegalArgumentException("not a TCP state: " + state + " (expected one of " + STATES + ")");
        }
    }

    /** The trigger as JSON, as config errors show found values: {@code {"socket":"upstream","state":"CLOSE_WAIT"}}. */
    public String json() {
        return "{\"socket\":\"" + socket.configName() + "\",\"state\":\"" + state + "\"}";
    }
}
