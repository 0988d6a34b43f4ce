package io.jenkins.plugins.registrysteps.engine.run;

import java.util.List;

/**
 * One image as a registry stored it after a push: where, under which tags, its manifest digest, and its size (the
 * manifest's config and layers, as they travel compressed).
 *
 * @param repository the path within the registry, e.g. {@code team/app}
 */
public record PushRecord(String registry, String repository, List<String> tags, String digest, long size) {

    public PushRecord {
        tags = List.copyOf(tags);
    }

    @Override
    public String toString() {
        return registry + "/" + repository + ":" + String.join(",", tags) + "@" + digest;
    }
}
