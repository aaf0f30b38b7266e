package dev.synack.doctor;

import static dev.synack.doctor.DoctorFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synack.config.KeepaliveSpec;
import dev.synack.config.SocketSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorReportTest {
    @TempDir
    Path root;

    private DoctorReport withOneProblem() {
        SocketSpec down = spec().fastOpen(256).backlog(8192).nodelay(true)
                .keepalive(new KeepaliveSpec(true, Duration.ofSeconds(60), null, null)).build();
        SocketSpec up = spec().nodelay(true).rcvbuf(256 * 1024).build();
        return DoctorFixture.typical(root).examine(down, up);
    }

    @Test
    void rendersContextGroupsInOrderAndTheVerdictLast() {
        DoctorReport report = withOneProblem();
        List<String> lines = report.render().lines().toList();

        assertThat(lines.get(0)).isEqualTo("synack doctor: transport epoll, sysctls from " + root + ", without CAP_NET_ADMIN");
        assertThat(lines).containsSubsequence("kernel", "proxy web (proxies[0]), downstream",
                "proxy web (proxies[0]), upstream_socket", "proxy web (proxies[0]), limits");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("verdict: 1 option will not take effect as asked; apply the"
                + " fixes above (" + report.count(DoctorStatus.ADJUSTED) + " adjusted by the kernel, "
                + report.count(DoctorStatus.OK) + " ok, " + report.count(DoctorStatus.INFO) + " for information)");
        int heading = lines.indexOf("proxy web (proxies[0]), downstream");
        int row = indexOfFirst(lines, "  WONT_APPLY  fast_open ");
        assertThat(row).isGreaterThan(heading);
        assertThat(lines.get(row + 1).trim()).isEqualTo("fix: sysctl -w net.ipv4.tcp_fastopen=3");
    }

    @Test
    void columnsAlignAcrossAllGroupsAndFixesSitUnderTheWhyColumn() {
        DoctorReport report = withOneProblem();
        List<String> lines = report.render().lines().toList();

        Set<Integer> whyColumns = new HashSet<>();
        Set<Integer> optionColumns = new HashSet<>();
        for (DoctorFinding f : report.findings()) {
            String line = lines.stream().filter(l -> l.startsWith("  " + f.status().name()) && l.endsWith(f.why())
                    && l.contains(" " + f.option() + " ")).findFirst().orElseThrow();
            whyColumns.add(line.length() - f.why().length());
            optionColumns.add(line.indexOf(f.option(), 2 + f.status().name().length()));
        }
        assertThat(optionColumns).containsExactly("  WONT_APPLY  ".length());
        assertThat(whyColumns).hasSize(1);
        Set<Integer> fixColumns = new HashSet<>();
        lines.stream().filter(l -> l.trim().startsWith("fix: ")).forEach(l -> fixColumns.add(l.indexOf("fix: ")));
        assertThat(fixColumns).isEqualTo(whyColumns);
        assertThat(lines.stream().filter(l -> l.trim().startsWith("fix: ")).count())
                .isEqualTo(report.findings().stream().filter(DoctorFinding::hasFix).count());
    }

    @Test
    void aConfigThatWorksSaysSo() {
        DoctorReport report = DoctorFixture.typical(root).set("net.ipv4.tcp_fastopen", "3").examine(
                spec().fastOpen(256).build(), SocketSpec.DEFAULT);

        assertThat(report.hasProblems()).isFalse();
        assertThat(report.verdict()).startsWith("verdict: every requested option takes effect (");
        assertThat(report.render()).endsWith(report.verdict() + "\n");
    }

    @Test
    void hasProblemsOnlyForWontApply() {
        DoctorReport adjustedOnly = new DoctorReport("ctx", List.of(
                new DoctorFinding("proxies[0].downstream.rcvbuf", "64KiB", DoctorStatus.ADJUSTED, "doubled", ""),
                new DoctorFinding("kernel.net.ipv4.tcp_sack", "1", DoctorStatus.INFO, "on", null)), List.of("web"));
        DoctorReport withProblem = new DoctorReport("ctx", List.of(
                new DoctorFinding("proxies[0].downstream.fast_open", "1", DoctorStatus.WONT_APPLY, "no", "fix it")),
                List.of("web"));

        assertThat(adjustedOnly.hasProblems()).isFalse();
        assertThat(withProblem.hasProblems()).isTrue();
        assertThat(withProblem.verdict()).startsWith("verdict: 1 option will not take effect");
    }

    @Test
    void findingsKnowTheirGroupAndOption() {
        DoctorFinding f = new DoctorFinding("proxies[3].downstream.keepalive.idle", "60s", DoctorStatus.OK, "ok", "");

        assertThat(f.group()).isEqualTo("proxies[3].downstream");
        assertThat(f.option()).isEqualTo("keepalive.idle");
        assertThat(f.hasFix()).isFalse();
    }

    private static int indexOfFirst(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
