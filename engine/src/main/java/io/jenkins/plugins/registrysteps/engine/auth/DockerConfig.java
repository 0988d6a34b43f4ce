package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A docker config with its credential helpers, looked up as the docker CLI does: the registry's {@code credHelpers}
 * entry, else the {@code credsStore}, else the stored {@code auths} entry.
 */
final class DockerConfig {

    private final DockerConfigFile file;
    private final Map<String, String> environment;

    DockerConfig(DockerConfigFile file, Map<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    /** The user's config: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}; none when absent. */
    static DockerConfig ofUser(Map<String, String> environment, Path home) throws LoginException {
        String configured = environment.get("DOCKER_CONFIG");
        Path folder = configured != null && !configured.isBlank() ? Path.of(configured) : home.resolve(".docker");
        return read(folder.resolve("config.json"), environment, true);
    }

    /** @param optional whether a missing file means no logins rather than an error */
    static DockerConfig read(Path path, Map<String, String> environment, boolean optional) throws LoginException {
        try {
            return new DockerConfig(DockerConfigFile.parse(Files.readAllBytes(path), path.toString()), environment);
        } catch (NoSuchFileException e) {
            if (optional) {
                return new DockerConfig(DockerConfigFile.EMPTY, environment);
            }
            throw new LoginException("docker config " + path + " does not exist", e);
        } catch (LoginException e) {
            throw e;
        } catch (IOException e) {
            throw new LoginException("cannot read docker config " + path + ": " + e.getMessage(), e);
        }
    }

    Optional<Credential> login(String registry) throws LoginException, InterruptedException {
        String host = RegistryKey.host(registry);
        String helper = file.credHelpers().get(host);
        if (helper != null) {
            return new CredentialHelper(helper, environment).get(host);
        }
        if (file.credsStore() != null && !file.credsStore().isEmpty()) {
            Optional<Credential> stored = new CredentialHelper(file.credsStore(), environment).get(host);
            if (stored.isPresent()) {
                return stored;
            }
        }
        return file.login(host);
    }

    /** The logins stored in the file itself, without asking a helper. */
    java.util.Collection<Credential> storedLogins() {
        return file.auths().values();
    }

    /** Every login the config names a registry for (stored entries and per-registry helpers), for builds' pulls. */
    Map<String, Credential> all() throws LoginException, InterruptedException {
        Map<String, Credential> logins = new LinkedHashMap<>(file.auths());
        for (String host : file.credHelpers().keySet()) {
            Optional<Credential> login = login(host);
            if (login.isPresent()) {
                logins.put(host, login.get());
            }
        }
        return logins;
    }
}
