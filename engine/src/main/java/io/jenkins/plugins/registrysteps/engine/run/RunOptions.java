package io.jenkins.plugins.registrysteps.engine.run;

import java.util.Map;

/**
 * How a run uses the machine: how many steps run at once, the network containers and builds join ({@code none} for
 * none, null for the daemon's default), and the environment that {@code NAME} without a value is taken from.
 */
public record RunOptions(int parallelism, String network, Map<String, String> hostEnvironment) {

    public RunOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        hostEnvironment = Map.copyOf(hostEnvironment);
    }
}
