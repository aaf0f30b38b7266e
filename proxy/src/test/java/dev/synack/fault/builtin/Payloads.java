package dev.synack.fault.builtin;

import dev.synack.fault.FaultBench;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Test payloads of random bytes, written into a bench in chunks. */
final class Payloads {
    private Payloads() {}

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code payload} in chunks of {@code chunk} bytes, {@code gapMillis} apart in virtual time. */
    static void writeInChunks(FaultBench b, byte[] payload, int chunk, long gapMillis) {
        for (int i = 0; i < payload.length; i += chunk) {
            b.write(Arrays.copyOfRange(payload, i, Math.min(payload.length, i + chunk)));
            if (gapMillis > 0) {
                b.advanceMillis(gapMillis);
            }
        }
    }
}
