package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.config.Diagnostics;
import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Position;
import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.config.StepSpec;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.template.ImageTagTemplate;
import io.jenkins.plugins.registrysteps.engine.template.TemplateData;
import io.jenkins.plugins.registrysteps.engine.template.TemplateException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns checked steps into the plan of one build: drops what {@code tag}/{@code exclude} filter out (a group's
 * filter covers its steps, {@code exclude} wins), hands group keys down, fans {@code services:} out as Codeship
 * does, names every step uniquely and renders {@code image_tag} templates.
 */
public final class Planner {

    private static final String DEFAULT_TAG = "latest";
    private static final int GENERATED_NAME_LENGTH = 60;

    private final BuildContext context;
    private final Diagnostics diagnostics = new Diagnostics();
    private final Set<String> given = new HashSet<>();
    private final Set<String> used = new HashSet<>();

    private Planner(BuildContext context) {
        this.context = context;
    }

    /** @throws ConfigException when a template cannot be rendered for this build (e.g. renders an empty tag) */
    public static Plan plan(CodeshipConfig config, BuildContext context) throws ConfigException {
        Planner planner = new Planner(context);
        planner.reserveNames(config.steps().steps());
        List<PlanStep> steps = planner.expandAll(config.steps().steps(), Scope.TOP);
        if (planner.diagnostics.hasErrors()) {
            throw new ConfigException(planner.diagnostics.sorted());
        }
        return new Plan(context, steps);
    }

    /** What a group hands down: its service, its login source and its encrypted env files. */
    private record Scope(String service, LoginSource login, List<Located<String>> encryptedEnvFiles) {
        static final Scope TOP = new Scope(null, LoginSource.NONE, List.of());

        Scope enter(StepSpec step) {
            LoginSource own = new LoginSource(step.encryptedDockercfgPath(), step.dockercfgService(), login.registryContexts());
            return new Scope(step.service() != null ? step.service().value() : service,
                    (own.isNone() ? login : own).withRegistryContexts(step.registryContexts()),
                    step.encryptedEnvFiles().isEmpty() ? encryptedEnvFiles : step.encryptedEnvFiles());
        }

        Scope onService(String name) {
            return new Scope(name, login, encryptedEnvFiles);
        }
    }

    private void reserveNames(List<StepSpec> steps) {
        for (StepSpec step : steps) {
            if (step.name() != null) {
                given.add(step.name().value());
            }
            reserveNames(step.steps());
        }
    }

    private List<PlanStep> expandAll(List<StepSpec> steps, Scope scope) {
        List<PlanStep> planned = new ArrayList<>();
        for (StepSpec step : steps) {
            planned.addAll(expand(step, scope, null));
        }
        return planned;
    }

    /** @param fanOutService the service a {@code services:} fan-out assigned, appended to the step's name */
    private List<PlanStep> expand(StepSpec step, Scope outer, String fanOutService) {
        if (!passesFilters(step)) {
            return List.of();
        }
        Scope scope = outer.enter(step);
        List<String> fanOut = step.services().stream().map(Located::value).toList();
        if (!fanOut.isEmpty()) {
            return fanOut(step, scope, fanOut);
        }
        if (step.kind().isGroup()) {
            List<PlanStep> children = expandAll(step.steps(), scope);
            return children.isEmpty() ? List.of()
                    : List.of(new StepGroup(groupName(step, fanOutService), step.position(),
                            step.kind() == StepSpec.Kind.PARALLEL, children));
        }
        return leaf(step, scope, fanOutService).map(List::of).orElse(List.of());
    }

    private boolean passesFilters(StepSpec step) {
        String buildTag = context.buildTag();
        boolean tagged = step.tag() == null || step.tag().value().matches(buildTag);
        boolean excluded = step.exclude() != null && step.exclude().value().matches(buildTag);
        return tagged && !excluded;
    }

    /**
     * {@code services:} on a parallel group runs its steps as a serial chain per service, all chains at once; on a
     * serial group runs each step on every service at once, one step after the other; on a single step runs it on
     * every service at once.
     */
    private List<PlanStep> fanOut(StepSpec step, Scope scope, List<String> services) {
        List<PlanStep> fanned = new ArrayList<>();
        if (step.kind() == StepSpec.Kind.PARALLEL) {
            for (String service : services) {
                List<PlanStep> chain = expandAll(step.steps(), scope.onService(service));
                if (!chain.isEmpty()) {
                    fanned.add(new StepGroup(unique(label(step, "serial") + " (" + service + ")"), step.position(), false, chain));
                }
            }
            return fanned.isEmpty() ? List.of()
                    : List.of(new StepGroup(groupName(step, null), step.position(), true, fanned));
        }
        if (step.kind() == StepSpec.Kind.SERIAL) {
            for (StepSpec child : step.steps()) {
                List<PlanStep> atOnce = new ArrayList<>();
                for (String service : services) {
                    atOnce.addAll(expand(child, scope.onService(service), service));
                }
                if (!atOnce.isEmpty()) {
                    fanned.add(new StepGroup(unique(label(child, "parallel")), child.position(), true, atOnce));
                }
            }
            return fanned.isEmpty() ? List.of()
                    : List.of(new StepGroup(groupName(step, null), step.position(), false, fanned));
        }
        for (String service : services) {
            leaf(step, scope.onService(service), service).ifPresent(fanned::add);
        }
        return fanned.isEmpty() ? List.of()
                : List.of(new StepGroup(unique(label(step, "parallel")), step.position(), true, fanned));
    }

    private java.util.Optional<PlanStep> leaf(StepSpec step, Scope scope, String fanOutService) {
        if (step.kind() == StepSpec.Kind.RUN) {
            String name = step.name() != null ? step.name().value() : scope.service() + ": " + step.command().text();
            return java.util.Optional.of(new RunStep(leafName(step, name, fanOutService), step.position(), scope.service(),
                    step.command(), scope.login(), scope.encryptedEnvFiles()));
        }
        return push(step, scope, fanOutService);
    }

    private java.util.Optional<PlanStep> push(StepSpec step, Scope scope, String fanOutService) {
        ImageReference image;
        try {
            image = ImageReference.parse(step.imageName().value());
        } catch (InvalidReferenceException e) {
            diagnostics.error(step.imageName().position(), e.getMessage());
            return java.util.Optional.empty();
        }
        String name = leafName(step, "push " + scope.service(), fanOutService);
        String tag = tag(step, image, name, scope.service());
        if (tag == null) {
            return java.util.Optional.empty();
        }
        String registry = step.registry() != null ? RegistryName.host(step.registry().value()) : image.registry();
        List<String> pushTo = step.pushTo().stream().map(value -> RegistryName.host(value.value())).toList();
        return java.util.Optional.of(new PushStep(name, step.position(), scope.service(), image.withTag(tag), registry,
                scope.login(), pushTo));
    }

    private String tag(StepSpec step, ImageReference image, String stepName, String service) {
        if (step.imageTag() == null) {
            return image.tag() != null ? image.tag() : DEFAULT_TAG;
        }
        Position at = step.imageTag().position();
        try {
            return ImageTagTemplate.parse(step.imageTag().value()).renderTag(templateData(stepName, service, image));
        } catch (TemplateException e) {
            diagnostics.error(at, "image_tag of push step \"" + stepName + "\" for build tag \"" + context.buildTag() + "\": "
                    + e.getMessage());
            return null;
        }
    }

    private TemplateData templateData(String stepName, String service, ImageReference image) {
        return context.templateData().stepName(stepName).serviceName(service).imageName(image.repository()).build();
    }

    private String leafName(StepSpec step, String base, String fanOutService) {
        if (step.name() == null) {
            return unique(shorten(base));
        }
        return fanOutService == null ? userName(step.name().value()) : unique(step.name().value() + " (" + fanOutService + ")");
    }

    private String groupName(StepSpec step, String fanOutService) {
        if (step.name() == null) {
            return unique(label(step, step.kind().label()));
        }
        return fanOutService == null ? userName(step.name().value()) : unique(step.name().value() + " (" + fanOutService + ")");
    }

    /** A name the user gave keeps its text the first time; a repeat of it gets a number, as generated names do. */
    private String userName(String name) {
        return used.add(name) ? name : unique(name);
    }

    /** The step's name, else where it is written: the same on every branch, unlike a running count. */
    private static String label(StepSpec step, String kind) {
        return step.name() != null ? step.name().value() : kind + " at line " + step.position().line();
    }

    /** Generated names never take a name the user gave, nor one already in the plan. */
    private String unique(String name) {
        String candidate = name;
        for (int n = 2; given.contains(candidate) || used.contains(candidate); n++) {
            candidate = name + " #" + n;
        }
        used.add(candidate);
        return candidate;
    }

    private static String shorten(String name) {
        String oneLine = name.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= GENERATED_NAME_LENGTH ? oneLine : oneLine.substring(0, GENERATED_NAME_LENGTH - 1) + "…";
    }
}
