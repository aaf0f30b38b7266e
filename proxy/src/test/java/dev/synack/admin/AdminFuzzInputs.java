package dev.synack.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The inputs of {@link AdminFuzzTest}: the corpus of valid bodies ({@code src/test/resources/fuzz/admin/ROUTE/*.json},
 * one folder per {@link FuzzRoute}) and input {@code i} of a seed, made from them by {@link JsonBodyMutator},
 * {@link JsonEmitter} and {@link BodyBreaker}. Input {@code i} is a function of the seed, {@code i} and the port
 * that stands for a listener in use ({@link FuzzValues#BUSY}), so that any input can be replayed.
 */
final class AdminFuzzInputs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "text/plain", null,
        "application/x-www-form-urlencoded", "application/json; charset=latin1"};

    /** A body of the corpus, valid for its route. */
    record Seed(FuzzRoute route, String name, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** One request: route and method, the toxic it names (toxic updates), its content type (null for none), its body. */
    record Input(FuzzRoute route, String method, String toxic, String contentType, byte[] body, String how) {}

    private final List<Seed> seeds;
    private final List<String> toxics;
    private final int busyPort;

    /** @param toxics the toxics of the target proxy a toxic update may name */
    AdminFuzzInputs(List<Seed> seeds, List<String> toxics, int busyPort) {
        this.seeds = List.copyOf(seeds);
        this.toxics = List.copyOf(toxics);
        this.busyPort = busyPort;
    }

    List<Seed> seeds() {
        return seeds;
    }

    /** Input {@code i} of {@code seed}; one that would bind a port of this machine other than 0 or the busy one is drawn again. */
    Input generate(long seed, long i) {
        SplittableRandom r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        while (true) {
            Input in = draw(r);
            if (ListenGuard.safe(in.body(), busyPort)) {
                return in;
            }
        }
    }

    private Input draw(SplittableRandom r) {
        Seed base = seeds.get(r.nextInt(seeds.size()));
        Seed other = seeds.get(r.nextInt(seeds.size()));
        FuzzRoute route = r.nextInt(20) == 0 ? other.route() : base.route();
        String method = route.patchable() && r.nextBoolean() ? "PATCH" : "POST";
        String toxic = toxics.get(r.nextInt(toxics.size()));
        String contentType = CONTENT_TYPES[r.nextInt(8) < 5 ? 0 : r.nextInt(CONTENT_TYPES.length)];
        List<String> log = new ArrayList<>();
        log.add(base.route().folder + "/" + base.name() + (route != base.route() ? " sent to " + route : ""));
        String text = base.text();
        int mode = r.nextInt(10);
        if (mode < 7 || mode == 9) {
            JsonNode tree = JsonBodyMutator.mutate(parse(base), parse(other), r, log);
            text = JsonEmitter.write(tree, r, r.nextInt(3) == 0);
        }
        text = text.replace(FuzzValues.BUSY, "127.0.0.1:" + busyPort);
        byte[] body;
        if (mode >= 4 && mode < 8) {
            body = BodyBreaker.breakText(text, other.text(), r, log).getBytes(StandardCharsets.UTF_8);
        } else if (mode >= 8) {
            body = BodyBreaker.breakBytes(text, r, log);
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        return new Input(route, method, toxic, contentType, body, String.join("; ", log));
    }

    private static JsonNode parse(Seed s) {
        try {
            return JSON.readTree(s.bytes());
        } catch (IOException e) {
            throw new IllegalStateException("the seed " + s.route().folder + "/" + s.name() + " is no JSON: " + e.getMessage(), e);
        }
    }

    /** Every seed of the corpus, by route and then by name. */
    static List<Seed> corpus() throws IOException, URISyntaxException {
        URL dir = AdminFuzzInputs.class.getClassLoader().getResource("fuzz/admin");
        if (dir == null) {
            throw new IllegalStateException("the admin fuzz corpus is not on the test classpath");
        }
        List<Seed> seeds = new ArrayList<>();
        for (FuzzRoute route : FuzzRoute.values()) {
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()).resolve(route.folder))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    seeds.add(new Seed(route, f.getFileName().toString(), Files.readAllBytes(f)));
                }
            }
        }
        return seeds;
    }
}
