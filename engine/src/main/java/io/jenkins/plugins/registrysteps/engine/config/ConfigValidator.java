package io.jenkins.plugins.registrysteps.engine.config;

import io.jenkins.plugins.registrysteps.engine.spelling.DidYouMean;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.template.ImageTagTemplate;
import io.jenkins.plugins.registrysteps.engine.template.TemplateException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks what one file alone cannot: references between the files, regexes, templates and image names. */
final class ConfigValidator {

    private final ServicesFile services;
    private final Diagnostics diagnostics;
    private final Map<String, Position> stepNames = new HashMap<>();

    ConfigValidator(ServicesFile services, Diagnostics diagnostics) {
        this.services = services;
        this.diagnostics = diagnostics;
    }

    void validateServices() {
        for (Service service : services.services().values()) {
            String owner = "service \"" + service.nameText() + "\"";
            if (service.build() != null && service.build().image() != null) {
                imageName(service.build().image(), "\"image\" of \"build\" of " + owner);
            }
            if (service.image() != null) {
                imageName(service.image(), "\"image\" of " + owner);
            }
            if (service.dockercfgService() != null) {
                serviceReference(service.dockercfgService(), "dockercfg_service of " + owner);
            }
            service.dependsOn().forEach(ref -> serviceReference(ref, "depends_on of " + owner));
            for (Located<String> link : service.links()) {
                serviceReference(prefix(link, ':'), "links of " + owner);
            }
            for (Located<String> from : service.volumesFrom()) {
                if (!from.value().startsWith("container:")) {
                    serviceReference(prefix(from, ':'), "volumes_from of " + owner);
                }
            }
        }
    }

    void validateSteps(StepsFile steps) {
        for (StepSpec step : steps.steps()) {
            step(step, Inherited.NONE);
        }
    }

    /** What a group hands down to its steps. */
    private record Inherited(Located<String> service, boolean fansOut) {
        static final Inherited NONE = new Inherited(null, false);

        boolean setsService() {
            return service != null || fansOut;
        }
    }

    private void step(StepSpec step, Inherited inherited) {
        if (step.name() != null) {
            uniqueName(step.name());
        }
        if (inherited.setsService() && (step.service() != null || !step.services().isEmpty())) {
            Located<String> own = step.service() != null ? step.service() : step.services().get(0);
            diagnostics.error(own.position(), "this step is inside a group that already sets "
                    + (inherited.service() != null ? "service \"" + inherited.service().value() + "\"" : "\"services\"")
                    + ": a step of such a group names no service of its own; remove it here or from the group");
        }
        if (step.service() != null) {
            serviceReference(step.service(), "step" + named(step));
        }
        step.services().forEach(ref -> serviceReference(ref, "step" + named(step)));
        if (step.dockercfgService() != null) {
            serviceReference(step.dockercfgService(), "dockercfg_service of step" + named(step));
            if (step.encryptedDockercfgPath() != null) {
                diagnostics.warning(step.dockercfgService().position(), "both encrypted_dockercfg_path and dockercfg_service "
                        + "are set on step" + named(step) + ": encrypted_dockercfg_path is used");
            }
        }
        Inherited forChildren = inherited.setsService() ? inherited
                : new Inherited(step.service(), !step.services().isEmpty());
        if (step.kind().isGroup()) {
            step.steps().forEach(child -> step(child, forChildren));
            return;
        }
        if (!forChildren.setsService()) {
            diagnostics.error(step.position(), step.kind().label() + " step" + named(step)
                    + " names no service: add \"service: NAME\" (defined: " + definedServices() + ")");
        }
        if (step.kind() == StepSpec.Kind.PUSH) {
            push(step);
        }
    }

    private void push(StepSpec step) {
        if (step.imageName() != null) {
            imageName(step.imageName(), "image_name of push step" + named(step));
        }
        if (step.imageTag() != null) {
            try {
                ImageTagTemplate.parse(step.imageTag().value());
            } catch (TemplateException e) {
                Position at = step.imageTag().position();
                diagnostics.error(new Position(at.file(), at.line(), at.column() + e.offset()),
                        "image_tag of push step" + named(step) + ": " + e.getMessage());
            }
        }
        if (step.registry() != null && step.imageName() != null) {
            registryMatchesImage(step);
        }
    }

    private void registryMatchesImage(StepSpec step) {
        try {
            String imageHost = ImageReference.parse(step.imageName().value()).registry();
            String registryHost = RegistryName.host(step.registry().value());
            if (!imageHost.equals(registryHost)) {
                diagnostics.warning(step.registry().position(), "push step" + named(step) + " pushes to " + imageHost
                        + " (from image_name) but registry names " + registryHost + ": the image goes to " + imageHost
                        + " with the login for " + registryHost + "; put the registry host in image_name, as "
                        + registryHost + "/" + ImageReference.parse(step.imageName().value()).path());
            }
        } catch (InvalidReferenceException e) {
            // reported by imageName()
        }
    }

    private void imageName(Located<String> name, String what) {
        try {
            ImageReference.parse(name.value());
        } catch (InvalidReferenceException e) {
            diagnostics.error(name.position(), what + ": " + e.getMessage());
        }
    }

    private void uniqueName(Located<String> name) {
        Position first = stepNames.putIfAbsent(name.value(), name.position());
        if (first != null) {
            diagnostics.warning(name.position(), "step name \"" + name.value() + "\" is used again (first at line " + first.line()
                    + "): this one is shown as \"" + name.value() + " #2\" (or higher); rename it to keep names unique");
        }
    }

    private void serviceReference(Located<String> reference, String where) {
        if (services.service(reference.value()).isPresent()) {
            return;
        }
        String suggestion = DidYouMean.closest(reference.value(), services.names())
                .map(s -> " (did you mean \"" + s + "\"?)").orElse("");
        diagnostics.error(reference.position(), "unknown service \"" + reference.value() + "\" in " + where + suggestion
                + ": " + services.name() + " defines " + definedServices());
    }

    private String definedServices() {
        List<String> names = List.copyOf(services.names());
        return names.isEmpty() ? "no service" : String.join(", ", names);
    }

    private static Located<String> prefix(Located<String> value, char separator) {
        int at = value.value().indexOf(separator);
        return at < 0 ? value : new Located<>(value.value().substring(0, at), value.position());
    }

    private static String named(StepSpec step) {
        return step.name() == null ? " at line " + step.position().line() : " \"" + step.name().value() + "\"";
    }
}
