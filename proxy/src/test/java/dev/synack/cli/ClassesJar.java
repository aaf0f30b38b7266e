package dev.synack.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** The product's compiled classes and resources packed into a jar under target/, once per test JVM. */
final class ClassesJar {
    private static Path jar;

    private ClassesJar() {}

    static synchronized Path of(Path classes) throws IOException {
        if (jar != null) {
            return jar;
        }
        Path out = classes.resolveSibling("test-synack-classes.jar");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream os = Files.newOutputStream(out); JarOutputStream jos = new JarOutputStream(os)) {
            for (Path f : files) {
                jos.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jos);
                jos.closeEntry();
            }
        }
        jar = out;
        return jar;
    }
}
