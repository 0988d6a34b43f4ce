package io.jenkins.plugins.registrysteps.engine.config;

/** Where a value was written: file as the user named it, 1-based line and column. */
public record Position(String file, int line, int column) {

    public static Position startOf(String file) {
        return new Position(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
