package io.jenkins.plugins.registrysteps.engine.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a registries file: a mapping of registry names to {@code domain}, {@code prefix}, {@code primary} and
 * {@code credentials}. Registries sharing a domain need exactly one primary, the login pulls of that domain use.
 */
public final class RegistriesParser {

    private static final Set<String> REGISTRY_KEYS = Set.of("domain", "prefix", "primary", "credentials");
    private static final Set<String> CREDENTIAL_KEYS = Set.of("username", "username_env", "password_env", "password_file",
            "dockercfg", "ecr", "gcr");
    private static final Set<String> ECR_KEYS = Set.of("region", "registry_id", "access_key_env", "secret_key_env", "endpoint");
    private static final Set<String> GCR_KEYS = Set.of("key_file", "key_env");
    private static final Map<String, String> SECRETS_IN_FILE = Map.of(
            "password", "a password is not written in the registries file: put it in an environment variable named by "
                    + "password_env, or in a file named by password_file",
            "token", "a token is not written in the registries file: put it in an environment variable named by "
                    + "password_env, or in a file named by password_file");
    private static final Map<String, String> SECRETS_IN_ECR = Map.of(
            "access_key", "write the name of the environment variable that holds it as access_key_env",
            "secret_key", "write the name of the environment variable that holds it as secret_key_env");

    private final YamlFile file;
    private final Diagnostics diagnostics;

    private RegistriesParser(YamlFile file, Diagnostics diagnostics) {
        this.file = file;
        this.diagnostics = diagnostics;
    }

    /** @param name how messages name the file */
    public static List<NamedRegistry> parse(Path path, String name) throws ConfigException {
        Diagnostics diagnostics = new Diagnostics();
        List<NamedRegistry> registries = YamlFile.read(path, name, diagnostics)
                .map(file -> new RegistriesParser(file, diagnostics).registries()).orElse(List.of());
        if (diagnostics.hasErrors()) {
            throw new ConfigException(diagnostics.sorted());
        }
        return registries;
    }

    private List<NamedRegistry> registries() {
        List<NamedRegistry> registries = new ArrayList<>();
        Optional<Node> root = file.root();
        if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)) {
            diagnostics.error(root.map(file::position).orElse(Position.startOf(file.name())),
                    "a registries file is a mapping of registry names to their domain, prefix and credentials");
            return registries;
        }
        YamlMap top = new YamlMap(file, diagnostics, mapping, "the registries file");
        for (String name : top.keys()) {
            top.map(name, "registry \"" + name + "\"").ifPresent(entry -> registry(name, top.keyPosition(name), entry)
                    .ifPresent(registries::add));
        }
        checkPrimaries(registries);
        return registries;
    }

    private Optional<NamedRegistry> registry(String name, Position at, YamlMap entry) {
        entry.checkKeys(REGISTRY_KEYS, Map.of());
        RegistryCredentials credentials = entry.map("credentials", "credentials of registry \"" + name + "\"")
                .map(this::credentials).orElse(RegistryCredentials.NONE);
        Located<String> domain = entry.text("domain");
        String host;
        if (domain != null) {
            host = RegistryName.host(domain.value());
        } else if (credentials.ecr() != null && credentials.ecr().registryId() != null) {
            host = credentials.ecr().registryId().value() + ".dkr.ecr." + credentials.ecr().region().value() + ".amazonaws.com";
        } else {
            diagnostics.error(at, "registry \"" + name + "\" has no domain: write the registry host, e.g. domain: quay.io");
            return Optional.empty();
        }
        Located<Boolean> primary = entry.bool("primary");
        return Optional.of(new NamedRegistry(new Located<>(name, at), host, entry.text("prefix"),
                primary != null && primary.value(), credentials));
    }

    private RegistryCredentials credentials(YamlMap map) {
        map.checkKeys(CREDENTIAL_KEYS, SECRETS_IN_FILE);
        RegistryCredentials.Ecr ecr = map.map("ecr", "ecr of " + map.owner()).map(this::ecr).orElse(null);
        RegistryCredentials.Gcr gcr = map.map("gcr", "gcr of " + map.owner()).map(this::gcr).orElse(null);
        RegistryCredentials credentials = new RegistryCredentials(map.text("username"), map.text("username_env"),
                map.text("password_env"), map.text("password_file"), map.text("dockercfg"), ecr, gcr);
        boolean password = credentials.passwordEnv() != null || credentials.passwordFile() != null;
        boolean user = credentials.username() != null || credentials.usernameEnv() != null;
        int kinds = (password || user ? 1 : 0) + (credentials.dockercfg() != null ? 1 : 0) + (ecr != null ? 1 : 0)
                + (gcr != null ? 1 : 0);
        if (kinds > 1) {
            diagnostics.error(map.position(), map.owner() + " mixes kinds of login: give a user and password, "
                    + "or dockercfg, or ecr, or gcr");
        } else if (user != password && SECRETS_IN_FILE.keySet().stream().noneMatch(map::has)) {
            diagnostics.error(map.position(), map.owner() + (user ? " has a user but no password: add password_env or password_file"
                    : " has a password but no user: add username or username_env"));
        } else if (credentials.username() != null && credentials.usernameEnv() != null
                || credentials.passwordEnv() != null && credentials.passwordFile() != null) {
            diagnostics.error(map.position(), map.owner() + " gives a value twice: keep one of username/username_env "
                    + "and one of password_env/password_file");
        }
        return credentials;
    }

    private RegistryCredentials.Ecr ecr(YamlMap map) {
        map.checkKeys(ECR_KEYS, SECRETS_IN_ECR);
        Located<String> region = map.text("region");
        if (region == null) {
            diagnostics.error(map.position(), map.owner() + " needs a region, e.g. region: eu-west-1");
        }
        RegistryCredentials.Ecr ecr = new RegistryCredentials.Ecr(region, map.text("registry_id"), map.text("access_key_env"),
                map.text("secret_key_env"), map.text("endpoint"));
        if ((ecr.accessKeyEnv() == null) != (ecr.secretKeyEnv() == null)) {
            diagnostics.error(map.position(), map.owner() + " needs both access_key_env and secret_key_env, or neither "
                    + "(then the AWS keys of the environment or AWS's default chain are used)");
        }
        return region == null ? null : ecr;
    }

    private RegistryCredentials.Gcr gcr(YamlMap map) {
        map.checkKeys(GCR_KEYS, Map.of("key", "write the name of a file that holds the JSON key as key_file, or of an "
                + "environment variable as key_env"));
        RegistryCredentials.Gcr gcr = new RegistryCredentials.Gcr(map.text("key_file"), map.text("key_env"));
        if (gcr.keyFile() != null && gcr.keyEnv() != null) {
            diagnostics.error(map.position(), map.owner() + " gives the key twice: keep key_file or key_env "
                    + "(or neither: then Application Default Credentials are used)");
        }
        return gcr;
    }

    /** Two registries on one domain: pulls need to know whose login to use. */
    private void checkPrimaries(List<NamedRegistry> registries) {
        Map<String, List<NamedRegistry>> byDomain = new LinkedHashMap<>();
        registries.forEach(r -> byDomain.computeIfAbsent(r.domain(), d -> new ArrayList<>()).add(r));
        byDomain.forEach((domain, sharing) -> {
            if (sharing.size() < 2) {
                return;
            }
            List<NamedRegistry> primaries = sharing.stream().filter(NamedRegistry::primary).toList();
            String names = String.join(", ", sharing.stream().map(r -> "\"" + r.nameText() + "\"").toList());
            if (primaries.isEmpty()) {
                diagnostics.error(sharing.get(1).name().position(), "registries " + names + " all serve " + domain
                        + ": mark the one pulls of " + domain + " use with \"primary: true\"");
            } else if (primaries.size() > 1) {
                diagnostics.error(primaries.get(1).name().position(), "registries " + String.join(", ", primaries.stream()
                        .map(r -> "\"" + r.nameText() + "\"").toList()) + " are all primary for " + domain
                        + ": keep \"primary: true\" on one");
            }
        });
    }
}
