/**
 * Injected time: the one {@link dev.synack.time.Clock} that session timers, connect backoff and faults
 * read and schedule by, so that their timing logic can be tested in virtual time.
 */
package dev.synack.time;
