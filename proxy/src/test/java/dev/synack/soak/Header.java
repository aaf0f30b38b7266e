package dev.synack.soak;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The first bytes a soak client sends: which connection this is and what the service must do, so one
 * service plays every scenario and files what it saw under the connection's token.
 */
record Header(long token, Scenario scenario, long up, long down, long seed) {
    static final int SIZE = 8 + 4 + 8 + 8 + 8;

    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.putLong(token).putInt(scenario.ordinal()).putLong(up).putLong(down).putLong(seed).flip();
        return b;
    }

    /** Reads exactly one header; null when the stream ended before it was whole. */
    static Header read(SocketChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                return null;
            }
        }
        b.flip();
        return new Header(b.getLong(), Scenario.values()[b.getInt()], b.getLong(), b.getLong(), b.getLong());
    }
}
