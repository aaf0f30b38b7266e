package dev.synack.mirror;

import dev.synack.observe.ConnectionInfo;
import dev.synack.observe.Direction;
import dev.synack.observe.OptionReading;
import dev.synack.observe.Side;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A session as the mirror sees it, without sockets: fixed loopback addresses, a loop whose tasks the test
 * runs with {@link #runLoop()} (so "after this loop pass" is explicit), and fds the test closes.
 */
final class FakeConnection implements ConnectionInfo {
    private final long id;
    private final ArrayDeque<Runnable> loop = new ArrayDeque<>();
    private final boolean[] fdClosed = new boolean[2];
    private boolean open = true;
    private boolean upstreamConnected;

    FakeConnection(long id) {
        this.id = id;
    }

    void runLoop() {
        for (Runnable r; (r = loop.poll()) != null; ) {
            r.run();
        }
    }

    void closeFd(Side side) {
        fdClosed[side.ordinal()] = true;
    }

    boolean fdClosed(Side side) {
        return fdClosed[side.ordinal()];
    }

    void connectedUpstream() {
        upstreamConnected = true;
    }

    void ended() {
        open = false;
    }

    @Override public long id() { return id; }
    @Override public Executor executor() { return loop::add; }
    @Override public boolean isOpen() { return open; }
    @Override public long startNanos() { return 0; }
    @Override public String proxy() { return "web"; }
    @Override public InetSocketAddress client() { return new InetSocketAddress("127.0.0.1", 40000 + (int) id); }
    @Override public InetSocketAddress upstream() { return new InetSocketAddress("127.0.0.1", 8080); }

    @Override
    public InetSocketAddress localAddress(Side side) {
        if (side == Side.DOWNSTREAM) {
            return new InetSocketAddress("127.0.0.1", 18080);
        }
        return upstreamConnected ? new InetSocketAddress("127.0.0.1", 50000 + (int) id) : null;
    }

    @Override
    public InetSocketAddress remoteAddress(Side side) {
        if (side == Side.DOWNSTREAM) {
            return client();
        }
        return upstreamConnected ? upstream() : null;
    }

    @Override public long bytes(Direction direction) { return direction == Direction.CLIENT_TO_SERVICE ? 68 : 107; }
    @Override public List<OptionReading> options(Side side) { return List.of(); }
}
