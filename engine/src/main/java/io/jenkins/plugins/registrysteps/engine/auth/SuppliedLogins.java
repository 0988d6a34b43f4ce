package io.jenkins.plugins.registrysteps.engine.auth;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Logins that the program running the engine supplies from its own store (Jenkins credentials, resolved on the
 * controller and carried to the agent): logins by registry host ({@code docker.io} for Docker Hub), and the named
 * registries it knows, each with its own login or none. Serializable, so it can travel to where the work runs; its text
 * form names hosts and registries, never a secret.
 */
public final class SuppliedLogins implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final LinkedHashMap<String, LoginSpec> byHost = new LinkedHashMap<>();
    private final ArrayList<Named> named = new ArrayList<>();

    /** @param source how messages name where these logins come from, e.g. {@code Jenkins credentials} */
    public SuppliedLogins(String source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** @param registry a URL, {@code host[:port]} or host with a path; kept under its host */
    public void add(String registry, LoginSpec login) {
        byHost.put(RegistryName.host(registry), login);
    }

    /** The logins of a Docker config's entries, by the registries it names. */
    public void addAll(Map<String, Credential> logins) {
        logins.forEach((registry, credential) -> add(registry, new LoginSpec.Fixed(credential)));
    }

    /** Adds the logins of {@code others} by host, and their named registries. */
    public void addAll(SuppliedLogins others) {
        byHost.putAll(others.byHost);
        named.addAll(others.named);
    }

    /**
     * A named registry (a Codefresh integration) with the login {@code credentials} hold for its host, or none when
     * null; logins they hold for other hosts are kept by host.
     *
     * @param prefix the repository prefix pushes to it get, or null
     * @param primary whether it is the one a push to its host uses when several name that host
     */
    public void addNamed(String name, String host, String prefix, boolean primary, SuppliedLogins credentials) {
        String key = RegistryName.host(host);
        LoginSpec own = null;
        if (credentials != null) {
            own = credentials.byHost.get(key);
            credentials.byHost.forEach((other, login) -> {
                if (!other.equals(key)) {
                    byHost.putIfAbsent(other, login);
                }
            });
        }
        named.add(new Named(name, key, prefix, primary, own));
    }

    public boolean isEmpty() {
        return byHost.isEmpty() && named.stream().allMatch(registry -> registry.login == null);
    }

    public Optional<LoginSpec> forRegistry(String registry) {
        return Optional.ofNullable(byHost.get(RegistryName.host(registry)));
    }

    /** The logins by host as a step's explicit ones: the resolver asks them before any other source. */
    public StepLogins explicit() {
        Map<String, LoginSpec> specs = new LinkedHashMap<>();
        byHost.forEach((host, login) -> specs.put(RegistryKey.host(host), login));
        return new StepLogins(specs, LoginSource.NONE, List.of(), List.of());
    }

    /**
     * The logins of a run with these: the named registries go to the engine under their names (a step's
     * {@code registry:} and {@code registry_context} may name them), each with its login given in memory; a host with a
     * login but no named registry becomes one, primary for its domain. A step's {@code encrypted_dockercfg_path} and
     * {@code dockercfg_service} are asked first, as Codeship does; the environment's docker config last.
     *
     * @param environment where {@code DOCKER_CONFIG}, {@code PATH} for credential helpers and the like come from
     */
    public Logins.Builder runLogins(Map<String, String> environment) {
        Logins.Builder builder = Logins.builder(environment);
        List<NamedRegistry> registries = new ArrayList<>();
        Position at = Position.startOf(source);
        for (Named registry : named) {
            registries.add(new NamedRegistry(new Located<>(registry.name, at), RegistryKey.host(registry.host),
                    registry.prefix == null ? null : new Located<>(registry.prefix, at), registry.primary,
                    RegistryCredentials.NONE));
            if (registry.login != null) {
                builder.given(registry.name, registry.login);
            }
        }
        byHost.forEach((host, login) -> {
            if (named.stream().noneMatch(registry -> registry.host.equals(host))) {
                String name = source + " of " + host;
                registries.add(new NamedRegistry(new Located<>(name, at), RegistryKey.host(host), null, true,
                        RegistryCredentials.NONE));
                builder.given(name, login);
            }
        });
        return builder.namedRegistries(new NamedRegistries(registries, Path.of("."), source));
    }

    /** A masker that hides every secret of these logins; a run registers what it decrypts with it too. */
    public SecretMasker masker() {
        SecretMasker masker = new SecretMasker();
        Stream.concat(byHost.values().stream(), named.stream().map(registry -> registry.login))
                .filter(Objects::nonNull)
                .forEach(login -> login.secrets().forEach(masker::register));
        return masker;
    }


    @Override
    public String toString() {
        return "SuppliedLogins" + byHost.keySet() + named.stream().map(registry -> registry.name).toList();
    }

    /** A named registry as a run needs it. */
    private record Named(String name, String host, String prefix, boolean primary, LoginSpec login) implements Serializable {
    }
}
