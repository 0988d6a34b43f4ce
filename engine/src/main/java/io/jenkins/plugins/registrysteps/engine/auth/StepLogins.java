package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import java.util.List;
import java.util.Map;

/**
 * What one step says about its logins, in the resolver's order: explicit logins per registry host (a Jenkins
 * credential, Wercker's username/password or ECR keys), its {@code encrypted_dockercfg_path} or
 * {@code dockercfg_service}, the named registry it pushes to and the {@code registry_context(s)} its pulls use.
 *
 * @param registry the {@code registry:} of a push step as written (a host or a name), or null
 */
public record StepLogins(Map<String, LoginSpec> explicit, LoginSource source, String registry, List<String> registryContexts) {

    public static final StepLogins NONE = new StepLogins(Map.of(), LoginSource.NONE, null, List.of());

    public StepLogins {
        explicit = Map.copyOf(explicit);
        registryContexts = List.copyOf(registryContexts);
    }

    /** A step's dockercfg sources and registry contexts, as planned. */
    public static StepLogins of(LoginSource source) {
        return new StepLogins(Map.of(), source, null, source.registryContexts().stream().map(Located::value).toList());
    }

    public StepLogins pushingTo(String namedOrHost) {
        return new StepLogins(explicit, source, namedOrHost, registryContexts);
    }
}
