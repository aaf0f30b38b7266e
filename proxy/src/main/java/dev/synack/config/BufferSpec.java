package dev.synack.config;

/**
 * User-space buffering per direction of a session: one read takes at most {@code readSize} bytes, and
 * reading stops while the other leg has more than {@code highWatermark} bytes unflushed, resuming below
 * {@code lowWatermark}. So at most {@code highWatermark + readSize} bytes wait in synack per direction.
 * {@code splice} says whether a direction may skip user space altogether (see {@link SpliceMode}).
 */
public record BufferSpec(int readSize, int highWatermark, int lowWatermark, SpliceMode splice) {
    public static final BufferSpec DEFAULT = new BufferSpec(128 * 1024, 256 * 1024, 128 * 1024, SpliceMode.OFF);

    /** Copying buffers: {@code splice: off}. */
    public BufferSpec(int readSize, int highWatermark, int lowWatermark) {
        this(readSize, highWatermark, lowWatermark, SpliceMode.OFF);
    }

    /** The same buffers with {@code splice} set to {@code mode}. */
    public BufferSpec withSplice(SpliceMode mode) {
        return new BufferSpec(readSize, highWatermark, lowWatermark, mode);
    }

    /** The most bytes one direction of a session can hold in user space. */
    public long boundPerDirection() {
        return (long) highWatermark + readSize;
    }
}
