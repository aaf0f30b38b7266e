/**
 * The command line: {@code synack run}, {@code synack demo} and {@code synack doctor} as picocli
 * commands, one class each, with the exit codes, error reporting and signal handling they share. A user
 * mistake (bad arguments, a config that cannot run) ends with a message and exit status 2, never a stack
 * trace.
 */
package dev.synack.cli;
