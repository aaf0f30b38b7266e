/**
 * A JUnit 5 extension that puts synack in front of a test's services: {@link dev.synack.junit.SynackExtension}.
 * JUnit is an optional dependency of synack's jar ({@code provided} scope): this package is loaded only by
 * tests that use it, and synack itself never needs JUnit on its class path.
 */
package dev.synack.junit;
