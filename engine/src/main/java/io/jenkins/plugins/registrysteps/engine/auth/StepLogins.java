package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import java.util.List;
import java.util.Map;

/**
 * What one step says about its logins, in the resolver's order: explicit logins per registry host (a Jenkins
 * credential, Wercker's username/password or ECR keys), its {@code encrypted_dockercfg_path} or
 * {@code dockercfg_service}, the named registries it pushes to and the {@code registry_context(s)} its pulls use.
 *
 * @param registries the {@code registry:} of a push step as written (hosts or names): one, several, or none
 */
public record StepLogins(Map<String, LoginSpec> explicit, LoginSource source, List<String> registries,
        List<String> registryContexts) {

    public static final StepLogins NONE = new StepLogins(Map.of(), LoginSource.NONE, List.of(), List.of());

    public StepLogins {
        explicit = Map.copyOf(explicit);
        registries = List.copyOf(registries);
        registryContexts = List.copyOf(registryContexts);
    }

    /** A step's dockercfg sources and registry contexts, as planned. */
    public static StepLogins of(LoginSource source) {
        return new StepLogins(Map.of(), source, List.of(), source.registryContexts().stream().map(Located::value).toList());
    }

    /** The same logins for a push to {@code namedOrHost}, or to no registry in particular when null. */
    public StepLogins pushingTo(String namedOrHost) {
        return pushingTo(namedOrHost == null ? List.of() : List.of(namedOrHost));
    }

    /** The same logins for a push to each of {@code namedOrHosts}. */
    public StepLogins pushingTo(List<String> namedOrHosts) {
        return new StepLogins(explicit, source, namedOrHosts, registryContexts);
    }
}
