package dev.synack.doctor;

/** How a requested option fares on this kernel, as {@link Doctor} judges it. */
public enum DoctorStatus {
    /** Takes effect as asked. */
    OK,
    /** Takes effect, but with a change the kernel imposes (a buffer doubled or capped, a backlog capped). */
    ADJUSTED,
    /**
     * Takes effect, but something will likely fail at run time (an upstream name that does not resolve
     * here, too few file descriptors for the connections allowed); the finding says why.
     */
    WARNING,
    /** Will not take effect as asked; the finding says why and how to fix it. */
    WONT_APPLY,
    /** Nothing was asked: a kernel default or fact worth knowing. */
    INFO
}
