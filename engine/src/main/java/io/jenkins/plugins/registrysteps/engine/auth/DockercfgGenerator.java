package io.jenkins.plugins.registrysteps.engine.auth;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Runs a {@code dockercfg_service} (Codeship's generator containers): the service's image with a fresh folder mounted
 * and the output path as its argument; returns the dockercfg it wrote, already deleted from disk. The container's log
 * goes to {@code log}, the output of the step that needed the login.
 */
@FunctionalInterface
public interface DockercfgGenerator {

    byte[] generate(String service, Consumer<String> log) throws IOException, InterruptedException;

    /** Where no daemon runs containers (copy, retag): a generator service is an error that says so. */
    static DockercfgGenerator none() {
        return (service, log) -> {
            throw new LoginException("dockercfg_service " + service + " needs a Docker daemon to run its generator container");
        };
    }
}
