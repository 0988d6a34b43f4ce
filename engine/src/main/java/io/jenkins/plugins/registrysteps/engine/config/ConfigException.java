package io.jenkins.plugins.registrysteps.engine.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration has errors; the message lists every one of them. */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;

    public ConfigException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().filter(Diagnostic::isError).map(Diagnostic::toString)
                .collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Errors and warnings, in file order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
