package dev.synack.demo;

/**
 * What a demo client saw of its connection: bytes it wrote and read, how the connection ended for it, and
 * whether that is what its scenario promises (the whole response, every byte echoed, a reset...).
 *
 * @param ending how it ended from the client's side, e.g. {@code EOF}, {@code reset by synack}
 */
record ClientOutcome(long written, long read, String ending, boolean intended) {
    static ClientOutcome failed(Exception e) {
        return new ClientOutcome(-1, -1, "failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), false);
    }

    boolean ok() {
        return written >= 0;
    }

    @Override
    public String toString() {
        return ok() ? "wrote " + written + " B, read " + read + " B, " + ending : ending;
    }
}
