package dev.synack.testkit;

/** How many bytes went by and their SHA-256 (hex). Two equal digests mean the same bytes in the same order. */
public record Digest(long bytes, String sha256) {
    @Override
    public String toString() {
        return bytes + " bytes, sha256 " + sha256;
    }
}
