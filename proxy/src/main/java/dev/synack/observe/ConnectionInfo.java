package dev.synack.observe;

import java.net.InetSocketAddress;
import java.util.List;

/** A live session as observers see it. Read it on the session's event loop or accept a racy snapshot. */
public interface ConnectionInfo {
    long id();

    String proxy();

    InetSocketAddress client();

    /** The upstream address of the connection in progress or made; null before the first attempt. */
    InetSocketAddress upstream();

    long bytes(Direction direction);

    /**
     * Effective options of one of the two proxy sockets, read when the socket was set up; empty before
     * that, and empty when no observer {@linkplain ConnectionObserver#wantsSocketOptions() wants them}.
     */
    List<OptionReading> options(Side side);
}
