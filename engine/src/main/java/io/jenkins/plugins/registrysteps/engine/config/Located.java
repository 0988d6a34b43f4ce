package io.jenkins.plugins.registrysteps.engine.config;

import java.util.Objects;

/** A value and where the user wrote it. */
public record Located<T>(T value, Position position) {

    public Located {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }

    /** The value of an optional field, or {@code null} where it is absent. */
    public static <T> T valueOf(Located<T> located) {
        return located == null ? null : located.value();
    }
}
