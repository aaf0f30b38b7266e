package dev.synack.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Fuzzes the config loader: every input must end in a config or a {@link ConfigException} whose messages are
 * plain words, within {@link #PER_INPUT} — never another exception, never a hang. The inputs are the corpus
 ({@code src/test/resources/fuzz/config/*}: error and edge cases; and the shipped configs) mutated structurally
 * by {@link ConfigMutator}, as YAML text and byte-wise by {@link TextMutator}; byte-wise inputs are read from
 * a file, so the reading of bytes is fuzzed too. Input {@code i} is a function of the seed and {@code i} alone,
 * so any input can be replayed.
 *
 * <p>In {@code ./scripts/test} it runs for 20 s with a fixed seed. A longer session with a fresh seed:
 * <pre>
 * mvn -B -ntp test -Dtest=ConfigFuzzTest -Dsynack.fuzz.seconds=1800 -Dsynack.fuzz.seed=random
 * </pre>
 * A failing input is written to {@code target/fuzz/} and the failure names its seed and number; replay it
 * alone with {@code -Dsynack.fuzz.seed=S -Dsynack.fuzz.input=N}.
 */
class ConfigFuzzTest {
    /** A hang guard with a wide margin for a loaded machine: the slowest inputs take well under a second. */
    private static final long PER_INPUT = TimeUnit.SECONDS.toNanos(5);
    private static final long DEFAULT_SEED = 0x5EED_C0F1AL;
    private static final Path OUT = Path.of(System.getProperty("synack.fuzz.dir", "target/fuzz"));
    /** What a message in plain words never contains: Java class and package names, Jackson's internals. */
    private static final Pattern NOT_PLAIN = Pattern.compile(
            "Exception|java\\.|javax\\.|org\\.yaml|com\\.fasterxml|snakeyaml|StreamReadConstraints|Event\\(|@[0-9a-f]{6,}");
    private static final int MAX_ERROR_LINE = 4000;

    private static ExecutorService worker;

    /** One fuzz input: bytes for {@link ConfigLoader#load} of a file if it has them, else text for {@link ConfigLoader#parse}. */
    record Input(String source, String text, byte[] bytes) {
        static Input text(String source, String text) {
            return new Input(source, text, null);
        }

        static Input bytes(String source, byte[] bytes) {
            return new Input(source, null, bytes);
        }

        byte[] content() {
            return bytes != null ? bytes : text.getBytes(StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void startWorker() throws IOException {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "config-fuzz");
            t.setDaemon(true); // an input that hangs leaves its thread behind; it must not keep the JVM alive
            return t;
        });
        Files.createDirectories(OUT);
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusInputEndsCleanly() throws Exception {
        return corpus().stream().map(in -> DynamicTest.dynamicTest(in.source(), () -> {
            String problem = run(in);
            assertThat(problem).as("%s", in.source()).isNull();
        }));
    }

    @Test
    void mutatedInputsEndCleanly() throws Exception {
        List<Input> corpus = corpus();
        long seed = seed();
        String only = System.getProperty("synack.fuzz.input");
        long seconds = Long.getLong("synack.fuzz.seconds", 20);
        System.out.printf("ConfigFuzzTest: seed %d, %d s, %d corpus inputs%n", seed, seconds, corpus.size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long first = only == null ? 0 : Long.parseLong(only);
        long i = first;
        long slowest = 0;
        long slowestInput = first;
        do {
            Input in = generate(corpus, seed, i);
            long start = System.nanoTime();
            String problem = run(in);
            long took = System.nanoTime() - start;
            if (took > slowest) {
                slowest = took;
                slowestInput = i;
            }
            if (problem != null) {
                Path file = OUT.resolve("config-" + seed + "-" + i + "-" + in.source());
                Files.write(file, in.content());
                fail("input %d of seed %d (%s, written to %s): %s%nreplay: -Dsynack.fuzz.seed=%d -Dsynack.fuzz.input=%d",
                        i, seed, in.bytes() != null ? "read as a file" : "parsed as text", file.toAbsolutePath(), problem, seed, i);
            }
            i++;
        } while (only == null && System.nanoTime() < deadline);
        System.out.printf("ConfigFuzzTest: %d inputs, the slowest (number %d) took %d ms%n", i - first, slowestInput,
                TimeUnit.NANOSECONDS.toMillis(slowest));
    }

    /** A failure is only worth reporting if its seed and number bring the same input back. */
    @Test
    void anInputIsAFunctionOfSeedAndNumber() throws Exception {
        List<Input> corpus = corpus();
        for (long i = 0; i < 200; i++) {
            assertThat(generate(corpus, 42, i).content()).as("input %d", i).isEqualTo(generate(corpus, 42, i).content());
        }
    }

    private static long seed() {
        String s = System.getProperty("synack.fuzz.seed");
        return s == null || s.isBlank() ? DEFAULT_SEED : s.equals("random") ? new SplittableRandom().nextLong() : Long.parseLong(s);
    }

    /** Input {@code i}: a corpus input mutated as a tree, as text or as bytes, the choice and every edit drawn from (seed, i). */
    static Input generate(List<Input> corpus, long seed, long i) {
        SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        Input base = corpus.get(r.nextInt(corpus.size()));
        String text = base.bytes() != null ? new String(base.bytes(), StandardCharsets.UTF_8) : base.text();
        String other = corpus.get(r.nextInt(corpus.size())).text();
        int mode = r.nextInt(10);
        if (mode < 5) {
            Input tree = ConfigMutator.mutate(text, r);
            if (tree != null) {
                return r.nextInt(4) == 0 ? Input.text(tree.source(), TextMutator.mutate(tree.text(), other, r)) : tree;
            }
        }
        if (mode < 8) {
            return Input.text(base.source(), TextMutator.mutate(text, other == null ? "" : other, r));
        }
        return Input.bytes(base.source(), TextMutator.mutateBytes(base.content(), r));
    }

    /** Null if the input ended cleanly, else what went wrong. */
    private static String run(Input in) throws Exception {
        Future<String> outcome = worker.submit(() -> outcome(in));
        try {
            return outcome.get(PER_INPUT, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            worker.shutdownNow();
            startWorker(); // the stuck thread is abandoned; later inputs get a fresh one
            return "no result within " + TimeUnit.NANOSECONDS.toSeconds(PER_INPUT) + " s";
        } catch (ExecutionException e) {
            return stackTrace(e.getCause());
        }
    }

    private static String outcome(Input in) throws IOException {
        try {
            SynackConfig config;
            if (in.bytes() != null) {
                Path file = OUT.resolve("work-" + in.source());
                Files.write(file, in.bytes());
                config = ConfigLoader.load(file);
            } else {
                config = ConfigLoader.parse(in.text(), in.source());
            }
            return complete(config);
        } catch (ConfigException e) {
            return plain(e, new String(in.content(), StandardCharsets.UTF_8));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return stackTrace(e);
        }
    }

    /** A config that loaded has everything a proxy needs: no error was swallowed on the way. */
    private static String complete(SynackConfig c) {
        if (c.proxies().isEmpty()) {
            return "loaded without proxies";
        }
        for (ProxySpec p : c.proxies()) {
            if (p.name() == null || p.listen() == null || p.upstreams().isEmpty() || p.downstream() == null || p.upstreamSocket() == null) {
                return "loaded an incomplete proxy: " + p;
            }
        }
        return null;
    }

    /** Null if every error has its three parts in plain words; words taken from the input itself do not count. */
    private static String plain(ConfigException e, String input) {
        if (e.errors().isEmpty()) {
            return "a ConfigException without errors";
        }
        for (ConfigError error : e.errors()) {
            String line = error.toString();
            if (error.path().isEmpty() || error.found().isEmpty() || error.expected().isEmpty()) {
                return "an error with an empty part: " + line;
            }
            for (Matcher m = NOT_PLAIN.matcher(line); m.find(); ) {
                if (!input.contains(m.group())) {
                    return "an error not in plain words: " + line;
                }
            }
            if (line.length() > MAX_ERROR_LINE) {
                return "an error of " + line.length() + " characters: " + line.substring(0, 300) + "...";
            }
        }
        return null;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** The corpus files and the shipped configs, in a fixed order. */
    static List<Input> corpus() throws IOException, URISyntaxException {
        List<Input> inputs = new ArrayList<>();
        URL dir = ConfigFuzzTest.class.getClassLoader().getResource("fuzz/config");
        assertThat(dir).as("the fuzz corpus on the test classpath").isNotNull();
        add(Path.of(dir.toURI()), "", inputs);
        Path repo = Path.of(System.getProperty("synack.repo", ".."));
        add(repo.resolve("config"), "shipped-", inputs);
        add(repo.resolve("config/examples"), "shipped-", inputs);
        return inputs;
    }

    private static void add(Path dir, String prefix, List<Input> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                byte[] content = Files.readAllBytes(f);
                String name = prefix + f.getFileName();
                String text = new String(content, StandardCharsets.UTF_8);
                out.add(new Input(name, text, content));
            }
        }
    }
}
