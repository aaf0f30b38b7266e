package dev.synack.observe;

/**
 * Runs code when a proxy socket of a live connection enters a TCP state, as the mirror engine follows
 * the socket: what an {@code on_state} fault trigger waits for. The mirror engine implements it; the
 * relay and the faults know only this, never the mirror.
 *
 * <p>States are the eleven of RFC 9293 spelled as the mirror prints them ({@code CLOSE_WAIT}).
 */
public interface SocketStates {
    /** Where nothing follows socket states (the mirror is off): no action ever runs. */
    SocketStates NONE = (connectionId, side, state, action) -> Registration.NONE;

    /** An action waiting for its state; {@link #cancel()} forgets it. */
    @FunctionalInterface
    interface Registration {
        /** One that waits for nothing, for actions that ran at once or never can. */
        Registration NONE = () -> { };

        /** The action will not run (if it has not already); safe to call more than once, from the connection's loop. */
        void cancel();
    }

    /**
     * Runs {@code action} once, on the connection's event loop, when the socket on {@code side} of connection
     * {@code connectionId} enters {@code state}. If it is in that state already, the action runs before this
     * returns (call it on the connection's loop). A connection that has ended, or that is not followed,
     * never runs it. The registration goes when the action has run, when it is cancelled, and when the
     * connection ends.
     */
    Registration whenState(long connectionId, Side side, String state, Runnable action);
}
