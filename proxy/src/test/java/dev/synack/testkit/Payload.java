package dev.synack.testkit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A seeded stream of pseudo-random bytes: the same length and seed always give the same bytes, so a
 * writer and a reader can compare SHA-256 digests without keeping the data.
 */
public record Payload(long length, long seed) {
    public static final Payload EMPTY = new Payload(0, 0);
    public static final int CHUNK = 64 * 1024;

    public static Payload of(long length, long seed) {
        return new Payload(length, seed);
    }

    public static Payload mebibytes(long mib, long seed) {
        return new Payload(mib * 1024 * 1024, seed);
    }

    /** The digest of the whole payload, computed without any socket. */
    public Digest digest() {
        Generator g = generator();
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
        MessageDigest md = sha256();
        while (g.fill(buf)) {
            md.update(buf);
        }
        return new Digest(length, hex(md.digest()));
    }

    public Generator generator() {
        return new Generator(length, seed);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Fills buffers with the payload's bytes, chunk by chunk. */
    public static final class Generator {
        private final SplittableRandom random;
        private long remaining;

        Generator(long length, long seed) {
            this.random = new SplittableRandom(seed);
            this.remaining = length;
        }

        /** Clears {@code buf}, fills it with the next bytes and flips it; false when nothing is left. */
        public boolean fill(ByteBuffer buf) {
            buf.clear();
            if (remaining == 0) {
                buf.flip();
                return false;
            }
            int n = (int) Math.min(buf.capacity(), remaining);
            buf.limit(n);
            while (buf.remaining() >= Long.BYTES) {
                buf.putLong(random.nextLong());
            }
            while (buf.hasRemaining()) {
                buf.put((byte) random.nextInt());
            }
            remaining -= n;
            buf.flip();
            return true;
        }
    }
}
