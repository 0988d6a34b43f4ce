package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import java.util.List;

/**
 * Where a step's registry login comes from, as written on the step or inherited from its group. When both are set,
 * the encrypted dockercfg wins, as in Codeship. {@code registryContexts} name the registries whose logins its pulls use.
 */
public record LoginSource(Located<String> encryptedDockercfgPath, Located<String> dockercfgService,
        List<Located<String>> registryContexts) {

    public static final LoginSource NONE = new LoginSource(null, null);

    public LoginSource {
        if (encryptedDockercfgPath != null) {
            dockercfgService = null;
        }
        registryContexts = List.copyOf(registryContexts);
    }

    public LoginSource(Located<String> encryptedDockercfgPath, Located<String> dockercfgService) {
        this(encryptedDockercfgPath, dockercfgService, List.of());
    }

    /** The same source with its own registry contexts, when a step names some. */
    public LoginSource withRegistryContexts(List<Located<String>> contexts) {
        return contexts.isEmpty() ? this : new LoginSource(encryptedDockercfgPath, dockercfgService, contexts);
    }

    /** Whether the step names no dockercfg of its own (registry contexts aside). */
    public boolean isNone() {
        return encryptedDockercfgPath == null && dockercfgService == null;
    }
}
