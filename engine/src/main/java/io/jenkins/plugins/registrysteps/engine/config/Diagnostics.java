package io.jenkins.plugins.registrysteps.engine.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every finding so that a user sees all problems of a file at once. */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void error(Position at, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.ERROR, at, message));
    }

    public void warning(Position at, String message) {
        all.add(new Diagnostic(Diagnostic.Severity.WARNING, at, message));
    }

    public boolean hasErrors() {
        return all.stream().anyMatch(Diagnostic::isError);
    }

    /** Findings ordered by file, then line, then column; equal positions keep their order. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(all);
        copy.sort(Comparator.comparing((Diagnostic d) -> d.position().file())
                .thenComparingInt(d -> d.position().line())
                .thenComparingInt(d -> d.position().column()));
        return List.copyOf(copy);
    }

    public List<Diagnostic> errors() {
        return sorted().stream().filter(Diagnostic::isError).toList();
    }
}
