package dev.synack.docker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the files of {@code docker/}: the Dockerfile's instructions, YAML documents, and configs without their faults. */
final class ImageFiles {
    static final Path REPO = Path.of(System.getProperty("synack.repo"));
    static final Path DOCKER = REPO.resolve("docker");
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();

    /** One instruction of a Dockerfile, its continuation lines joined. */
    record Instruction(String keyword, String arguments) {}

    private ImageFiles() {}

    static List<Instruction> dockerfile() throws IOException {
        List<Instruction> out = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(DOCKER.resolve("Dockerfile"))) {
            String l = line.strip();
            if (pending.length() == 0 && (l.isEmpty() || l.startsWith("#"))) {
                continue;
            }
            pending.append(l.endsWith("\\") ? l.substring(0, l.length() - 1) + " " : l);
            if (!l.endsWith("\\")) {
                String text = pending.toString().strip();
                int space = text.indexOf(' ');
                out.add(new Instruction(text.substring(0, space).toUpperCase(), text.substring(space + 1).strip()));
                pending.setLength(0);
            }
        }
        return out;
    }

    static List<Instruction> all(String keyword) throws IOException {
        return dockerfile().stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The exec form of ENTRYPOINT or CMD: {@code ["synack"]}. */
    static List<String> execForm(String keyword) throws IOException {
        List<Instruction> found = all(keyword);
        return JSON.readValue(found.get(found.size() - 1).arguments(), new TypeReference<List<String>>() {});
    }

    static List<JsonNode> yamlDocuments(Path file) throws IOException {
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file))) {
            return it.readAll();
        }
    }

    static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    /**
     * A synack config as YAML text with each proxy's {@code faults} removed: the fault registry that reads
     * them lives in another branch, so the rest of the config is what this branch can load.
     */
    static String withoutFaults(String yaml) throws IOException {
        JsonNode tree = YAML.readTree(yaml);
        tree.path("proxies").forEach(p -> ((ObjectNode) p).remove("faults"));
        return YAML.writeValueAsString(tree);
    }
}
