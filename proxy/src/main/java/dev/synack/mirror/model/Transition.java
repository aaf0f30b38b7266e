package dev.synack.mirror.model;

import java.util.Optional;

/**
 * What one event does to a connection in one state: {@link Allowed} moves it to a state (possibly the
 * one it is in), {@link Forbidden} means the event cannot happen in that state or TCP refuses it.
 */
public sealed interface Transition {

    TcpState from();

    TcpEvent event();

    /** The state after the event; empty if the event is forbidden. */
    Optional<TcpState> target();

    default boolean allowed() {
        return this instanceof Allowed;
    }

    /** An event the state accepts, and the state it leads to. */
    record Allowed(TcpState from, TcpEvent event, TcpState to) implements Transition {
        @Override
        public Optional<TcpState> target() {
            return Optional.of(to);
        }

        /** Whether user space sees this transition happen (see {@link TcpEvent#seenByUserSpace()}). */
        public boolean seenByUserSpace() {
            return event.seenByUserSpace();
        }

        @Override
        public String toString() {
            return from + " --" + event + "--> " + to;
        }
    }

    /**
     * An event the state does not accept: a user call TCP answers with an error ("connection does not
     * exist", "connection closing"), or a segment or timer that cannot belong to a connection in it.
     */
    record Forbidden(TcpState from, TcpEvent event) implements Transition {
        @Override
        public Optional<TcpState> target() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return event + " is forbidden in " + from;
        }
    }
}
