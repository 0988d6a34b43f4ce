package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.config.NamedRegistry;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import io.jenkins.plugins.registrysteps.engine.registry.CredentialSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The login of one step for a registry, from the first source that has one: the step's explicit login, its
 * {@code encrypted_dockercfg_path}, its {@code dockercfg_service}, the named registry's credentials, the user's docker
 * config. A push uses the named registry the step pushes to; a pull (a build's {@code FROM}) the step's
 * {@code registry_context(s)}; both fall back to the domain's primary registry. As a {@link CredentialSource} it
 * answers for pushes, asked anew at every challenge so an expired ECR token is replaced.
 */
public final class LoginResolver implements CredentialSource {

    /** What the login is for. */
    public enum Purpose {
        PUSH, PULL
    }

    private final Logins logins;
    private final StepLogins step;
    private final Consumer<String> log;

    LoginResolver(Logins logins, StepLogins step, Consumer<String> log) {
        this.logins = logins;
        this.step = step;
        this.log = log;
    }

    @Override
    public Optional<Credential> credentialFor(String registry) throws LoginException {
        return login(registry, Purpose.PUSH);
    }

    /** @param registry a URL, {@code host[:port]} or Docker Hub alias */
    public Optional<Credential> login(String registry, Purpose purpose) throws LoginException {
        String host = RegistryKey.host(registry);
        try {
            LoginSpec explicit = step.explicit().get(host);
            if (explicit != null) {
                return Optional.of(logins.resolve(explicit));
            }
            Optional<Credential> login = fromStepFiles(host);
            if (login.isEmpty()) {
                Optional<NamedRegistry> named = namedFor(host, purpose);
                if (named.isPresent()) {
                    login = logins.loginOf(named.get());
                }
            }
            if (login.isEmpty()) {
                login = logins.userConfig().login(host);
            }
            return login.map(logins::registered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("log in to " + host + ": interrupted");
        }
    }

    /**
     * Every login a build of this step may pull its {@code FROM} images with, keyed by Docker's server address: Docker
     * cannot know in advance which registries a Dockerfile names, so a build gets all of them, as the docker CLI does.
     */
    public Map<String, Credential> pullLogins() throws LoginException {
        Map<String, Credential> all = new LinkedHashMap<>();
        try {
            logins.userConfig().all().forEach((host, login) -> all.put(host, login));
            for (NamedRegistry registry : logins.namedRegistries().registries()) {
                if (namedFor(registry.domain(), Purpose.PULL).filter(registry::equals).isPresent()) {
                    logins.loginOf(registry).ifPresent(login -> all.put(registry.domain(), login));
                }
            }
            if (step.source().dockercfgService() != null) {
                all.putAll(logins.generated(step.source().dockercfgService(), log).auths());
            }
            if (step.source().encryptedDockercfgPath() != null) {
                all.putAll(logins.decrypted(step.source().encryptedDockercfgPath()).auths());
            }
            for (Map.Entry<String, LoginSpec> explicit : step.explicit().entrySet()) {
                all.put(explicit.getKey(), logins.resolve(explicit.getValue()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginException("collect the logins for a build: interrupted");
        }
        Map<String, Credential> byServer = new LinkedHashMap<>();
        all.forEach((host, login) -> byServer.put(RegistryKey.serverAddress(host), logins.registered(login)));
        return byServer;
    }

    private Optional<Credential> fromStepFiles(String host) throws LoginException, InterruptedException {
        if (step.source().encryptedDockercfgPath() != null) {
            Optional<Credential> login = logins.decrypted(step.source().encryptedDockercfgPath()).login(host);
            if (login.isPresent()) {
                return login;
            }
        }
        if (step.source().dockercfgService() != null) {
            return logins.generated(step.source().dockercfgService(), log).login(host);
        }
        return Optional.empty();
    }

    private Optional<NamedRegistry> namedFor(String host, Purpose purpose) throws LoginException {
        NamedRegistries named = logins.namedRegistries();
        if (purpose == Purpose.PUSH) {
            for (String registry : step.registries()) {
                Optional<NamedRegistry> target = named.named(registry).filter(r -> r.domain().equals(host));
                if (target.isPresent()) {
                    return target;
                }
            }
        }
        return named.forDomain(host, purpose == Purpose.PULL ? step.registryContexts() : List.of());
    }
}
