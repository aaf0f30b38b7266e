package dev.synack.cli;

/** A mistake the user can fix (a missing file, a transport this machine lacks): shown as one line, exit 2. */
final class UserException extends Exception {
    UserException(String message) {
        super(message, null, false, false);
    }
}
