package dev.synack.soak;

import dev.synack.testkit.Digest;
import dev.synack.testkit.Received;

/** What the client saw of one connection: what it read and how that ended, what it wrote, whether the service's acknowledgement came. */
record ClientView(Received received, Digest sent, boolean ackSeen) {
}
