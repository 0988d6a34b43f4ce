package io.jenkins.plugins.registrysteps.engine.docker;

import java.util.List;

/**
 * A local image as the daemon describes it: its id ({@code sha256:} of its config for the classic image store), the
 * diffIDs of its layers, bottom first, and the OS it was built for.
 */
public record LocalImage(String id, List<String> diffIds, String os) {

    public LocalImage {
        diffIds = List.copyOf(diffIds);
    }
}
