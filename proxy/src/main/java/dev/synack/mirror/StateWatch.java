package dev.synack.mirror;

import dev.synack.mirror.model.TcpState;
import dev.synack.observe.SocketStates;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One action waiting for a socket's mirror to enter a TCP state ({@link SocketStates}): kept by the
 * {@link SocketMirror} under its connection's lock, and run once on the connection's loop, since the
 * mirror may take the step on the kernel poller's thread. Cancelling takes it out of the socket's list and
 * stops a run already on its way to the loop.
 */
final class StateWatch implements SocketStates.Registration {
    final TcpState state;
    private final Runnable action;
    private final Executor loop;
    /** The connection mirror: its lock guards the socket's list of watches. */
    private final Object lock;
    private final SocketMirror socket;
    /** Written on the loop (cancel, run) and read there; volatile for a cancel from elsewhere. */
    private volatile boolean done;

    StateWatch(TcpState state, Runnable action, Executor loop, Object lock, SocketMirror socket) {
        this.state = state;
        this.action = action;
        this.loop = loop;
        this.lock = lock;
        this.socket = socket;
    }

    /** The socket entered the state (its list already forgot this watch): run on the loop. */
    void fire() {
        try {
            loop.execute(this::run);
        } catch (RejectedExecutionException e) {
            done = true; // the loop is shutting down: the connection with it
        }
    }

    private void run() {
        if (!done) {
            done = true;
            action.run();
        }
    }

    @Override
    public void cancel() {
        done = true;
        synchronized (lock) {
            socket.unwatch(this);
        }
    }
}
