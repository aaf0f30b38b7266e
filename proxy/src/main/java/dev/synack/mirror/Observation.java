package dev.synack.mirror;

import dev.synack.mirror.model.ObservedEvent;

/**
 * One thing synack observed of a socket from user space, as the timeline shows it: when, the step, and the
 * model observation behind it (null for a note that moves no state, such as an unresolved host name).
 */
record Observation(long nanos, StepKind kind, ObservedEvent event) {}
