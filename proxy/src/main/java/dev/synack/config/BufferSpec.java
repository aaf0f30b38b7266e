package dev.synack.config;

/**
 * User-space buffering per direction of a session: one read takes at most {@code readSize} bytes, and
 * reading stops while the other leg has more than {@code highWatermark} bytes unflushed, resuming below
 * {@code lowWatermark}. So at most {@code highWatermark + readSize} bytes wait in synack per direction.
 */
public record BufferSpec(int readSize, int highWatermark, int lowWatermark) {
    public static final BufferSpec DEFAULT = new BufferSpec(128 * 1024, 256 * 1024, 128 * 1024);

    /** The most bytes one direction of a session can hold in user space. */
    public long boundPerDirection() {
        return (long) highWatermark + readSize;
    }
}
