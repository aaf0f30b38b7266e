package dev.synack.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorPrivilegeTest {
    @TempDir
    Path dir;

    private boolean netAdmin(String capEff) throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nUid:\t0\t0\t0\t0\nCapEff:\t" + capEff + "\nCapBnd:\t000001ffffffffff\n");
        return Privilege.hasNetAdmin(status);
    }

    @Test
    void readsCapNetAdminFromTheEffectiveSet() throws IOException {
        assertThat(netAdmin("000001ffffffffff")).isTrue();
        assertThat(netAdmin("0000000000001000")).as("bit 12 alone").isTrue();
        assertThat(netAdmin("0000000000000000")).isFalse();
        assertThat(netAdmin("000001ffffffefff")).as("everything but bit 12").isFalse();
    }

    @Test
    void anUnreadableStatusMeansUnprivileged() {
        assertThat(Privilege.hasNetAdmin(dir.resolve("missing"))).isFalse();
    }
}
