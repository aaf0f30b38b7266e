package dev.synack.testkit;

/**
 * What one side read until its read side ended: the digest of every byte that arrived, and how the
 * stream ended ({@code failure} is the exception a read threw, null on EOF).
 */
public record Received(Digest digest, Ending ending, Throwable failure) {
    public long bytes() {
        return digest.bytes();
    }

    @Override
    public String toString() {
        return digest + ", ended by " + ending + (failure == null ? "" : " (" + failure + ")");
    }
}
