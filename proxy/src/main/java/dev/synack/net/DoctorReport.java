package dev.synack.net;

/** What {@link Doctor} found: a list of findings, each OK, a warning, or an option that will not take effect. */
public final class DoctorReport {
    /** The report as text for a terminal, one finding a line with its fix. */
    public String render() {
        throw new UnsupportedOperationException("not yet");
    }

    /** True when some requested option will not take effect as asked. */
    public boolean hasProblems() {
        throw new UnsupportedOperationException("not yet");
    }
}
