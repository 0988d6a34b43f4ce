package io.jenkins.plugins.registrysteps;

import io.jenkins.plugins.registrysteps.engine.auth.LoginSpec;
import io.jenkins.plugins.registrysteps.engine.auth.Logins;
import io.jenkins.plugins.registrysteps.engine.auth.NamedRegistries;
import io.jenkins.plugins.registrysteps.engine.auth.RegistryKey;
import io.jenkins.plugins.registrysteps.engine.auth.StepLogins;
import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.NamedRegistry;
import io.jenkins.plugins.registrysteps.engine.config.Position;
import io.jenkins.plugins.registrysteps.engine.config.RegistryCredentials;
import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.plan.LoginSource;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Registry logins resolved from Jenkins credentials on the controller and carried to the agent as plain values, keyed
 * by registry host ({@code docker.io} for Docker Hub). Its text form names the hosts only.
 */
final class RegistryLogins implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How the engine names these logins in messages. */
    private static final String SOURCE = "Jenkins credentials";
    /** The variables of {@link #runLogins} that hold the secrets; a space keeps them apart from real ones. */
    private static final String SECRET_VARIABLE = "registry-steps login ";

    private final LinkedHashMap<String, Login> byHost = new LinkedHashMap<>();

    /** @param registry a URL, {@code host[:port]} or host with a path; stored under its host */
    void add(String registry, String username, String secret) {
        byHost.put(RegistryName.host(registry), new Login(username, secret));
    }

    void addAll(RegistryLogins others) {
        byHost.putAll(others.byHost);
    }

    void addAll(Map<String, Credential> credentials) {
        credentials.forEach((registry, credential) -> add(registry, credential.username(), credential.secret()));
    }

    boolean isEmpty() {
        return byHost.isEmpty();
    }

    Optional<Credential> forRegistry(String registry) {
        return Optional.ofNullable(byHost.get(RegistryName.host(registry)))
                .map(login -> new Credential(login.username, login.secret));
    }

    /** These logins as a step's explicit ones: the engine's resolver asks them before any other source. */
    StepLogins explicit() {
        Map<String, LoginSpec> specs = new LinkedHashMap<>();
        byHost.forEach((host, login) -> specs.put(RegistryKey.host(host),
                new LoginSpec.Fixed(new Credential(login.username, login.secret))));
        return new StepLogins(specs, LoginSource.NONE, null, List.of());
    }

    /**
     * The logins of a run with these: a plan's steps get their logins from the engine, so each host becomes a named
     * registry (primary for its domain) whose password is a variable of the logins' own environment: in memory, never
     * in a file nor in a container's environment. A step's {@code encrypted_dockercfg_path} or
     * {@code dockercfg_service} is asked first, as Codeship does; the agent's docker config last.
     *
     * @param environment the agent's environment ({@code DOCKER_CONFIG}, {@code PATH} for credential helpers)
     */
    Logins.Builder runLogins(Map<String, String> environment) {
        Map<String, String> withSecrets = new HashMap<>(environment);
        List<NamedRegistry> registries = new ArrayList<>();
        Position jenkins = Position.startOf(SOURCE);
        byHost.forEach((host, login) -> {
            String variable = SECRET_VARIABLE + registries.size();
            withSecrets.put(variable, login.secret);
            RegistryCredentials credentials = new RegistryCredentials(new Located<>(login.username, jenkins), null,
                    new Located<>(variable, jenkins), null, null, null, null);
            registries.add(new NamedRegistry(new Located<>(SOURCE + " of " + host, jenkins), RegistryKey.host(host), null,
                    true, credentials));
        });
        return Logins.builder(withSecrets).namedRegistries(new NamedRegistries(registries, Path.of("."), SOURCE));
    }

    /** A masker that hides every secret of these logins; the run registers its decrypted values with it too. */
    SecretMasker masker() {
        SecretMasker masker = new SecretMasker();
        byHost.values().forEach(login -> masker.register(login.secret));
        return masker;
    }

    @Override
    public String toString() {
        return "RegistryLogins" + byHost.keySet();
    }

    private static final class Login implements Serializable {
        private static final long serialVersionUID = 1L;
        private final String username;
        private final String secret;

        Login(String username, String secret) {
            this.username = username;
            this.secret = secret;
        }

        @Override
        public String toString() {
            return username + ":" + SecretMasker.MASK;
        }
    }
}
