package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.Position;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.util.List;

/**
 * Pushes the image of {@code service} as {@code image} (repository and rendered tag), logging in to
 * {@code registry}; or, when {@code pushTo} names registries, to each of them from one save.
 *
 * @param registry the registry whose login is used: the step's {@code registry} host, else the image's
 * @param pushTo the registries of a {@code registry} list, named or hosts (as {@code RegistryName.host} writes them),
 *     each getting the image under its own login; empty for Codeship's single registry
 */
public record PushStep(String name, Position position, String service, ImageReference image, String registry,
        LoginSource login, List<String> pushTo) implements PlanStep {

    public PushStep {
        pushTo = List.copyOf(pushTo);
    }

    /** Codeship's push: one registry. */
    public PushStep(String name, Position position, String service, ImageReference image, String registry, LoginSource login) {
        this(name, position, service, image, registry, login, List.of());
    }
}
