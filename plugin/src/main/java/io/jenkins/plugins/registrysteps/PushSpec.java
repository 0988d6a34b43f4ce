package io.jenkins.plugins.registrysteps;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.registry.ImageSettings;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A resolved {@code registryPush}, carried to the agent as plain values: what to push (an image in the agent's daemon,
 * or one in a registry), the target repository and rendered tags, and the settings to bake in.
 */
final class PushSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final boolean inRegistry;
    private final String repository;
    private final ArrayList<String> tags;
    private final ArrayList<String> cmd;
    private final ArrayList<String> entrypoint;
    private final ArrayList<String> ports;
    private final LinkedHashMap<String, String> env;
    private final LinkedHashMap<String, String> labels;

    /**
     * @param source     a local image of the agent's daemon, or with {@code inRegistry} an image reference
     * @param repository {@code registry/path} of the target, without tag
     * @param cmd        null keeps the image's own, as does {@code entrypoint}
     */
    PushSpec(String source, boolean inRegistry, ImageReference repository, List<String> tags, List<String> cmd,
            List<String> entrypoint, List<String> ports, Map<String, String> env, Map<String, String> labels) {
        this.source = source;
        this.inRegistry = inRegistry;
        this.repository = repository.repository();
        this.tags = new ArrayList<>(tags);
        this.cmd = cmd == null ? null : new ArrayList<>(cmd);
        this.entrypoint = entrypoint == null ? null : new ArrayList<>(entrypoint);
        this.ports = new ArrayList<>(ports);
        this.env = new LinkedHashMap<>(env);
        this.labels = new LinkedHashMap<>(labels);
    }

    String source() {
        return source;
    }

    boolean inRegistry() {
        return inRegistry;
    }

    List<String> tags() {
        return List.copyOf(tags);
    }

    /** The target under each tag, the first one written first. */
    List<ImageReference> targets() throws IOException {
        List<ImageReference> targets = new ArrayList<>();
        for (String tag : tags) {
            try {
                targets.add(ImageReference.parse(repository + ":" + tag));
            } catch (InvalidReferenceException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return targets;
    }

    /** True when nothing is to be baked into the image, so it moves unchanged and keeps its digest. */
    boolean keepsImage() {
        return cmd == null && entrypoint == null && ports.isEmpty() && env.isEmpty() && labels.isEmpty();
    }

    ImageSettings settings() {
        return new ImageSettings(cmd, entrypoint, ports, env, labels, null, null);
    }
}
