package dev.synack.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.function.LongConsumer;

/**
 * A byte stream whose every byte is a function of its offset, so any prefix of it can be checked as it is
 * read, whatever length a killed writer managed to send: what a reader got is intact when each byte is the
 * one its offset calls for.
 */
final class PositionalStream {
    private PositionalStream() {}

    static byte at(long offset) {
        return (byte) ((offset * 2654435761L) >>> 13);
    }

    static void fill(byte[] chunk, long offset) {
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = at(offset + i);
        }
    }

    /** How a reader's side ended, how many bytes it got, and whether each was the stream's byte at its offset. */
    record View(dev.synack.testkit.Ending ending, long bytes, boolean intact) {}

    /**
     * Reads until EOF or an error, checking every byte; once {@code trigger} bytes have arrived (when not
     * negative) calls {@code atTrigger} with the count, once.
     */
    static View read(SocketChannel ch, long trigger, LongConsumer atTrigger) {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        boolean intact = true;
        boolean triggered = trigger < 0;
        try {
            while (true) {
                buf.clear();
                int n = ch.read(buf);
                if (n < 0) {
                    return new View(dev.synack.testkit.Ending.EOF, total, intact);
                }
                for (int i = 0; i < n; i++) {
                    intact &= buf.get(i) == at(total + i);
                }
                total += n;
                if (!triggered && total >= trigger) {
                    triggered = true;
                    atTrigger.accept(total);
                }
            }
        } catch (IOException e) {
            return new View(dev.synack.testkit.Ending.of(e), total, intact);
        }
    }

    /** Writes the first {@code length} bytes of the stream. */
    static void write(SocketChannel ch, int length) throws IOException {
        byte[] bytes = new byte[length];
        fill(bytes, 0);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
