package dev.synack.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes the JSON bodies of the admin API over real loopback HTTP: every body of every route that reads one
 * ({@link FuzzRoute}), taken from the corpus and mutated ({@link AdminFuzzInputs}), must end in a success or in
 * the API's error shape with a status the route documents ({@link FuzzOracle}), each within
 * {@link #PER_REQUEST} — never another 500, never a hang. Every request the API refuses on {@code twin} is sent
 * to {@code live} too, which must refuse it alike and change in nothing, while a transfer through {@code live}
 * runs from before the first request to after the last and must come back whole ({@link FuzzBench}).
 *
 * <p>In {@code ./scripts/test} it sends 3,000 inputs with a fixed seed. More, or for a while, with a fresh seed:
 * <pre>
 * mvn -B -ntp test -Dtest=AdminFuzzTest -Dsynack.fuzz.iterations=100000 -Dsynack.fuzz.seed=random
 * mvn -B -ntp test -Dtest=AdminFuzzTest -Dsynack.fuzz.seconds=1800 -Dsynack.fuzz.seed=random
 * </pre>
 * A failing input is written to {@code target/fuzz/} and the failure names its seed and number; replay it
 * alone with {@code -Dsynack.fuzz.seed=S -Dsynack.fuzz.input=N}.
 */
class AdminFuzzTest {
    /** A hang guard with a wide margin for a loaded machine: answers take milliseconds. */
    private static final Duration PER_REQUEST = Duration.ofSeconds(10);
    private static final long DEFAULT_SEED = 0xAD_F022L;
    private static final int DEFAULT_ITERATIONS = 3000;
    private static final Path OUT = Path.of(System.getProperty("synack.fuzz.dir", "target/fuzz"));

    @Test
    void mutatedBodiesEndCleanlyAndHarmNoLiveConnection() throws Exception {
        long seed = seed();
        String only = System.getProperty("synack.fuzz.input");
        Long seconds = Long.getLong("synack.fuzz.seconds");
        long first = only == null ? 0 : Long.parseLong(only);
        long last = only != null ? first + 1 : Long.getLong("synack.fuzz.iterations", seconds == null ? DEFAULT_ITERATIONS : Long.MAX_VALUE);
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try (FuzzBench bench = FuzzBench.start(); FuzzHttp http = new FuzzHttp(bench.admin.address(), PER_REQUEST);
                EchoTransfer transfer = EchoTransfer.start(bench.admin.synack.address(FuzzBench.LIVE), seed)) {
            AdminFuzzInputs inputs = new AdminFuzzInputs(AdminFuzzInputs.corpus(), FuzzBench.TOXICS, bench.busyPort());
            System.out.printf("AdminFuzzTest: seed %d, %d corpus bodies%n", seed, inputs.seeds().size());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> transfer.echoed() > 0);
            long echoedBefore = transfer.echoed();
            FuzzTally tally = new FuzzTally();
            for (long i = first; i < last && (seconds == null || System.nanoTime() < deadline); i++) {
                long start = System.nanoTime();
                AdminFuzzInputs.Input in = inputs.generate(seed, i);
                tally.making += System.nanoTime() - start;
                one(in, seed, i, bench, http, tally);
                tally.inputs++;
            }
            assertThat(transfer.ended()).as("the transfer through live ran through all of the fuzz").isFalse();
            assertThat(transfer.echoed()).as("bytes went through live during the fuzz").isGreaterThan(echoedBefore);
            String summary = tally.summary(http.connections(), transfer.echoed());
            assertThat(http.send("GET", "/proxies/live/toxics", null, null).response().status()).isEqualTo(200);
            assertThat(RawHttp.send(bench.admin.address(), "GET", "/version", null).status()).isEqualTo(200);
            EchoTransfer.Outcome outcome = transfer.finish(60);
            assertThat(outcome.echoed()).as("the echo through live, to its FIN").isEqualTo(outcome.written());
            System.out.println("AdminFuzzTest: " + summary);
        }
    }

    /**
     * One input: sent to twin and judged; if refused (and aimed at a proxy), sent to live, which must refuse it
     * alike; then the state is checked — live unchanged always, nothing changed at all after a refusal
     * ({@code /populate} keeps what it did before its failing entry) — and put back after a success.
     */
    private static void one(AdminFuzzInputs.Input in, long seed, long i, FuzzBench bench, FuzzHttp http, FuzzTally tally) throws Exception {
        FuzzHttp.Answer a = send(http, in, FuzzBench.TWIN, seed, i);
        tally.answered(in.route(), a);
        boolean refused = a.response().status() >= 400 && a.response().status() < 500;
        if (refused && in.route().targetsAProxy()) {
            FuzzHttp.Answer onLive = send(http, in, FuzzBench.LIVE, seed, i);
            check(in, seed, i, onLive.response().status() == a.response().status() && onLive.response().body().equals(a.response().body())
                    ? null : "live answered " + onLive.response().status() + " " + onLive.response().body() + " where twin answered "
                            + a.response().status() + " " + a.response().body());
            tally.mirrored++;
            tally.answering += onLive.nanos();
        }
        long start = System.nanoTime();
        check(in, seed, i, bench.changes(refused && in.route() != FuzzRoute.POPULATE));
        if (!refused || in.route() == FuzzRoute.POPULATE) {
            bench.restore();
        }
        tally.keeping += System.nanoTime() - start;
    }

    /** Each seed as it is: the corpus holds bodies the API takes, so that mutations start from the right shape. */
    @TestFactory
    Stream<DynamicTest> everySeedSucceedsAsItIs() throws Exception {
        List<AdminFuzzInputs.Seed> seeds = AdminFuzzInputs.corpus();
        FuzzBench bench = FuzzBench.start();
        FuzzHttp http = new FuzzHttp(bench.admin.address(), PER_REQUEST);
        return seeds.stream().map(s -> DynamicTest.dynamicTest(s.route().folder + "/" + s.name(), () -> {
            String path = s.route().path(FuzzBench.TWIN, FuzzBench.TOXICS.get(0));
            RawHttp.Response r = http.send("POST", path, "application/json", s.bytes()).response();
            bench.restore();
            assertThat(r.status()).as(r.body()).isEqualTo(s.route().success);
        })).onClose(() -> {
            http.close();
            bench.close();
        });
    }

    /** A failure is only worth reporting if its seed and number bring the same input back. */
    @Test
    void anInputIsAFunctionOfSeedAndNumber() throws Exception {
        AdminFuzzInputs inputs = new AdminFuzzInputs(AdminFuzzInputs.corpus(), FuzzBench.TOXICS, 40_000);
        for (long i = 0; i < 300; i++) {
            AdminFuzzInputs.Input a = inputs.generate(42, i);
            AdminFuzzInputs.Input b = inputs.generate(42, i);
            assertThat(b.body()).as("input %d", i).isEqualTo(a.body());
            assertThat(List.of(b.route(), b.method(), b.toxic(), String.valueOf(b.contentType()), b.how()))
                    .isEqualTo(List.of(a.route(), a.method(), a.toxic(), String.valueOf(a.contentType()), a.how()));
        }
    }

    private static FuzzHttp.Answer send(FuzzHttp http, AdminFuzzInputs.Input in, String proxy, long seed, long i) throws IOException {
        FuzzHttp.Answer a;
        try {
            a = http.send(in.method(), in.route().path(proxy, in.toxic()), in.contentType(), in.body());
        } catch (IOException e) {
            check(in, seed, i, "no answer from " + proxy + ": " + e);
            throw e;
        }
        check(in, seed, i, FuzzOracle.judge(in, a, PER_REQUEST.toNanos()));
        return a;
    }

    private static void check(AdminFuzzInputs.Input in, long seed, long i, String problem) throws IOException {
        if (problem == null) {
            return;
        }
        Files.createDirectories(OUT);
        Path file = OUT.resolve("admin-" + seed + "-" + i + ".body");
        Files.write(file, in.body());
        fail("input %d of seed %d (%s %s, %s; body of %d bytes written to %s): %s%nreplay: -Dsynack.fuzz.seed=%d -Dsynack.fuzz.input=%d",
                i, seed, in.method(), in.route(), in.how(), in.body().length, file.toAbsolutePath(),
                problem.length() > 2000 ? problem.substring(0, 2000) + "..." : problem, seed, i);
    }

    private static long seed() {
        String s = System.getProperty("synack.fuzz.seed");
        return s == null || s.isBlank() ? DEFAULT_SEED : s.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(s);
    }
}
