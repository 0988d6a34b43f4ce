package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.Position;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;

/**
 * Pushes the image of {@code service} as {@code image} (repository and rendered tag), logging in to
 * {@code registry}.
 *
 * @param registry the registry whose login is used: the step's {@code registry} host, else the image's
 */
public record PushStep(String name, Position position, String service, ImageReference image, String registry,
        LoginSource login) implements PlanStep {
}
