package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.config.Located;

/**
 * Where a step's registry login comes from, as written on the step or inherited from its group. When both are set,
 * the encrypted dockercfg wins, as in Codeship.
 */
public record LoginSource(Located<String> encryptedDockercfgPath, Located<String> dockercfgService) {

    public static final LoginSource NONE = new LoginSource(null, null);

    public LoginSource {
        if (encryptedDockercfgPath != null) {
            dockercfgService = null;
        }
    }

    public boolean isNone() {
        return encryptedDockercfgPath == null && dockercfgService == null;
    }
}
