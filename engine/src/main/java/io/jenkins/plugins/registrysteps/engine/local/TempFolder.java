package io.jenkins.plugins.registrysteps.engine.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A folder of its own under a parent, deleted with all it holds on close (links are deleted, never followed). */
public final class TempFolder implements AutoCloseable {

    private final Path path;

    private TempFolder(Path path) {
        this.path = path;
    }

    public static TempFolder create(Path parent, String prefix) throws IOException {
        return new TempFolder(Files.createTempDirectory(parent, prefix).toRealPath());
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        List<Path> all;
        try (Stream<Path> paths = Files.walk(path)) {
            all = paths.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path each : all) {
            Files.deleteIfExists(each);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
