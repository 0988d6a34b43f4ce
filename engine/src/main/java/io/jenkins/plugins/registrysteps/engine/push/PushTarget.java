package io.jenkins.plugins.registrysteps.engine.push;

import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.util.List;

/** A repository ({@code host/path}, no tag) and the tags an image gets there. */
public record PushTarget(ImageReference repository, List<String> tags) {

    public PushTarget {
        repository = new ImageReference(repository.registry(), repository.path(), null, null);
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a push to " + repository.repository() + " needs a tag");
        }
    }

    /** The repository of {@code image} with its tag, {@code latest} when it names none. */
    public static PushTarget of(ImageReference image) {
        return new PushTarget(image, List.of(image.tag() == null ? "latest" : image.tag()));
    }
}
