/**
 * The command line: {@code synack run}, {@code synack demo} and {@code synack doctor} as picocli
 * commands, one class each; the client commands of a running synack's admin API, close to
 * {@code toxiproxy-cli} ({@code list}, {@code inspect}, {@code create}, {@code toggle}, {@code delete},
 * {@code toxic add|update|remove}, {@code reset}); the reader of {@code toxiproxy-server}'s flags; and the
 * exit codes, error reporting and signal handling they share. A user mistake (bad arguments, a config that
 * cannot run) ends with a message and exit status 2, never a stack trace; a client command whose call
 * fails prints one line and exits 1.
 */
package dev.synack.cli;
