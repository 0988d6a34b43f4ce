package io.jenkins.plugins.registrysteps.engine.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The real-world Codeship pairs in ../shared/corpus/codeship, read in place and never copied. */
public final class SharedCorpus {

    private SharedCorpus() {
    }

    /** The corpus folder, looked for above the working folder; empty where ../shared is absent. */
    public static Optional<Path> folder() {
        String configured = System.getProperty("registrysteps.corpus");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isDirectory);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/corpus/codeship");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public static final String ABSENT = "../shared/corpus/codeship is absent: the corpus tests are skipped "
            + "(set -Dregistrysteps.corpus=FOLDER to point at it)";
}
