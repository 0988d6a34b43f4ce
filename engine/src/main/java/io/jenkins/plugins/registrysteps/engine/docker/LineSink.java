package io.jenkins.plugins.registrysteps.engine.docker;

/** Receives output one whole line at a time, without its line break. */
@FunctionalInterface
public interface LineSink {

    void line(String text);
}
