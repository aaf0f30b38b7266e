package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An accept failure of the admin listener stops there: nothing reaches the pipeline's tail, and accepting pauses a second. */
class AdminAcceptFailuresTest {

    @Test
    void anAcceptFailureIsTakenAndAcceptingPausesASecond() {
        EmbeddedChannel listener = new EmbeddedChannel(new AdminAcceptFailures());
        listener.freezeTime();
        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));
        listener.pipeline().fireExceptionCaught(new IOException("accept(..) failed: Too many open files"));

        listener.checkException(); // an exception that reached the tail would be thrown here
        assertThat(listener.config().isAutoRead()).isFalse();
        listener.advanceTimeBy(999, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isFalse();
        listener.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        listener.runScheduledPendingTasks();
        assertThat(listener.config().isAutoRead()).isTrue();
        listener.finishAndReleaseAll();
    }
}
