package io.jenkins.plugins.registrysteps.engine.config;

import java.util.List;

/**
 * One entry of codeship-steps.yml as written, before inheritance, fan-out and filters are applied.
 *
 * @param registry a push step's {@code registry} written as one value: Codeship's login registry
 * @param pushTo a push step's {@code registry} written as a list (registry-steps): named registries or hosts that each
 *     get the image, with their own logins, from one save; empty otherwise
 * @param registryContexts the named registries whose logins pulls use ({@code registry_context(s)})
 * @param steps the children of a group; empty for run and push steps
 */
public record StepSpec(
        Kind kind,
        Position position,
        Located<String> name,
        Located<String> service,
        List<Located<String>> services,
        CommandLine command,
        Located<BranchFilter> tag,
        Located<BranchFilter> exclude,
        Located<String> imageName,
        Located<String> imageTag,
        Located<String> registry,
        List<Located<String>> pushTo,
        Located<String> encryptedDockercfgPath,
        Located<String> dockercfgService,
        List<Located<String>> encryptedEnvFiles,
        List<Located<String>> registryContexts,
        List<StepSpec> steps) {

    /** What a step does: run a command, push an image, or group steps. */
    public enum Kind {
        RUN, PUSH, SERIAL, PARALLEL;

        public boolean isGroup() {
            return this == SERIAL || this == PARALLEL;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public StepSpec {
        services = List.copyOf(services);
        pushTo = List.copyOf(pushTo);
        encryptedEnvFiles = List.copyOf(encryptedEnvFiles);
        registryContexts = List.copyOf(registryContexts);
        steps = List.copyOf(steps);
    }
}
