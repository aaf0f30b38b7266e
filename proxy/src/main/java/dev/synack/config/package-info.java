/**
 * The whole synack configuration as immutable records, the loader that reads it from YAML or JSON,
 * and the validator that reports every error with its path and what was expected. Imports no Netty.
 *
 * <p>{@link dev.synack.config.ConfigLoader} is the entry point and documents the error formats;
 * {@code ConfigText} reads at most 256 KiB of UTF-8 and {@code TreeParser} parses it, within bounds, into a
 * tree (one document, no aliases); the package-private readers ({@code RootReader}, {@code ProxyReader},
 * {@code SocketReader}, ...) walk that tree through {@code Node}, which tracks the path and collects errors; {@code SocketKey} is the one
 * table of socket option keys; {@code Expect} holds every expected text; {@link dev.synack.config.Units}
 * parses and prints durations and sizes for anyone who shows config values.
 */
package dev.synack.config;
