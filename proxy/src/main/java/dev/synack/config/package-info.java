/**
 * The whole synack configuration as immutable records, the loader that reads it from YAML or JSON,
 * and the validator that reports every error with its path and what was expected. Imports no Netty.
 *
 * <p>{@link dev.synack.config.ConfigLoader} is the entry point and documents the error formats;
 * {@code ConfigText} reads at most 256 KiB of UTF-8 and {@code TreeParser} parses it, within bounds, into a
 * tree (one document, no aliases); the package-private readers ({@code RootReader}, {@code ProxyReader},
 * {@code SocketReader}, {@code FaultReader}, ...) walk that tree through {@code Node}, which tracks the path
 * and collects errors; {@code Expect} holds every expected text; {@link dev.synack.config.Units} parses and
 * prints durations and sizes for anyone who shows config values. {@link dev.synack.config.SocketOption} is
 * the one table of socket options (config name, kernel option, stage per side, value kind, transports),
 * read by the config grammar ({@code SocketKey}), the tuner in net and the doctor;
 * {@link dev.synack.config.KernelOption} declares Linux's socket numbers once. Fault entries are held as
 * data ({@link dev.synack.config.FaultSpec}): their types and attributes are checked by the fault registry,
 * which this package does not know.
 */
package dev.synack.config;
