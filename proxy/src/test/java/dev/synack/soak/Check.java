package dev.synack.soak;

/** One pass criterion of a soak: what was measured against which bound. */
record Check(String what, String measured, String bound, boolean passed) {
}
