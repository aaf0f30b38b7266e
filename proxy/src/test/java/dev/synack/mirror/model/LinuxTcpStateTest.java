package dev.synack.mirror.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Linux's TCP state codes (include/net/tcp_states.h) against the model. */
class LinuxTcpStateTest {

    /** Code, Linux's name, /proc's hex, model state. */
    private static final String CODES = """
            1   ESTABLISHED   01  ESTABLISHED
            2   SYN_SENT      02  SYN_SENT
            3   SYN_RECV      03  SYN_RECEIVED
            4   FIN_WAIT1     04  FIN_WAIT_1
            5   FIN_WAIT2     05  FIN_WAIT_2
            6   TIME_WAIT     06  TIME_WAIT
            7   CLOSE         07  CLOSED
            8   CLOSE_WAIT    08  CLOSE_WAIT
            9   LAST_ACK      09  LAST_ACK
            10  LISTEN        0A  LISTEN
            11  CLOSING       0B  CLOSING
            12  NEW_SYN_RECV  0C  SYN_RECEIVED
            """;

    @Test
    void everyCodeMapsAsTheTableSays() {
        String[] lines = CODES.strip().split("\n");
        assertThat(lines).hasSameSizeAs(LinuxTcpState.values());
        for (String line : lines) {
            String[] cols = line.trim().split("\\s+");
            int code = Integer.parseInt(cols[0]);
            LinuxTcpState linux = LinuxTcpState.valueOf(cols[1]);
            TcpState model = TcpState.valueOf(cols[3]);

            assertThat(linux.code()).isEqualTo(code);
            assertThat(linux.model()).as("%s", linux).isEqualTo(model);
            assertThat(LinuxTcpState.ofCode(code)).contains(linux);
            assertThat(LinuxTcpState.ofHex(cols[2])).contains(linux);
            assertThat(LinuxTcpState.ofHex(cols[2].toLowerCase())).contains(linux);
            assertThat(LinuxTcpState.modelOf(code)).contains(model);
        }
    }

    @Test
    void everyModelStateHasAKernelCode() {
        assertThat(Arrays.stream(LinuxTcpState.values()).map(LinuxTcpState::model).distinct())
                .containsExactlyInAnyOrder(TcpState.values());
    }

    @Test
    void anUnknownCodeIsEmptyNotAnError() {
        assertThat(LinuxTcpState.ofCode(0)).isEmpty();
        assertThat(LinuxTcpState.ofCode(13)).as("TCP_BOUND_INACTIVE, inet_diag only").isEmpty();
        assertThat(LinuxTcpState.ofCode(-1)).isEmpty();
        assertThat(LinuxTcpState.ofHex("")).isEmpty();
        assertThat(LinuxTcpState.ofHex("0G")).isEmpty();
        assertThat(LinuxTcpState.ofHex("101")).isEmpty();
        assertThat(LinuxTcpState.modelOf(99)).isEmpty();
    }

    @Test
    void aTimeWaitMinisocketOfAnOrphanedFinWait2StaysFinWait2() {
        // Printed with timer 3 and inode 0 like a TIME_WAIT row, but no FIN from the peer has come.
        assertThat(LinuxTcpState.ofHex("05").map(LinuxTcpState::model)).contains(TcpState.FIN_WAIT_2);
    }
}
