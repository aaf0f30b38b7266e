package dev.synack.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * When the bytes of one socket arrived: each read to the end of the stream, with the time it returned
 * and how many bytes it brought, and what arrived in all. A reader blocked in read() wakes for each
 * segment that lands, so pieces sent apart arrive in separate reads.
 *
 * @param readNanos the {@link System#nanoTime()} each read with bytes returned at
 * @param sizes the bytes each of those reads brought
 * @param endNanos when the read side ended (EOF or an error)
 */
public record Arrivals(List<Long> readNanos, List<Integer> sizes, long endNanos, Received received) {
    /** Reads {@code socket} until its read side ends. */
    public static Arrivals of(TestSocket socket) {
        ByteBuffer buf = ByteBuffer.allocateDirect(Payload.CHUNK);
        MessageDigest md = Payload.sha256();
        List<Long> times = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long total = 0;
        try {
            while (true) {
                buf.clear();
                int n = socket.channel().read(buf);
                long now = System.nanoTime();
                if (n < 0) {
                    return new Arrivals(times, sizes, now, new Received(new Digest(total, Payload.hex(md.digest())), Ending.EOF, null));
                }
                buf.flip();
                md.update(buf);
                total += n;
                times.add(now);
                sizes.add(n);
            }
        } catch (IOException e) {
            return new Arrivals(times, sizes, System.nanoTime(),
                    new Received(new Digest(total, Payload.hex(md.digest())), Ending.of(e), e));
        }
    }

    public long bytes() {
        return received.bytes();
    }

    /** Nanoseconds from the first read with bytes to the last one. */
    public long spanNanos() {
        return readNanos.isEmpty() ? 0 : readNanos.get(readNanos.size() - 1) - readNanos.get(0);
    }
}
