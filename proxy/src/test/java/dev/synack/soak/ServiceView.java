package dev.synack.soak;

import dev.synack.testkit.Digest;
import dev.synack.testkit.Received;

/**
 * What the service saw of one connection: what it read after the header and how that ended, the digest of
 * what it wrote (null when it wrote nothing or writing failed), and whether the client's acknowledgement
 * arrived (the service-reset scenario waits for it before resetting).
 */
record ServiceView(Received received, Digest sent, Throwable sendFailure, boolean ackSeen) {
}
