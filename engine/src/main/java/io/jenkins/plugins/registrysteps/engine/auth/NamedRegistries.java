package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.config.NamedRegistry;
import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.config.RegistriesParser;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The registries of a registries file (Codefresh's integrations): a push to {@code registry: NAME} goes to the
 * registry's domain with its repository prefix and its login; a pull from a domain uses the registry a step names in
 * {@code registry_context(s)}, else the domain's primary (or only) registry.
 *
 * @param folder relative {@code dockercfg} and {@code password_file} paths are relative to it
 */
public record NamedRegistries(List<NamedRegistry> registries, Path folder, String fileName) {

    public static final NamedRegistries NONE = new NamedRegistries(List.of(), Path.of("."), "no registries file");

    public NamedRegistries {
        registries = List.copyOf(registries);
    }

    public static NamedRegistries load(Path file) throws ConfigException {
        Path absolute = file.toAbsolutePath();
        return new NamedRegistries(RegistriesParser.parse(absolute, file.toString()), absolute.getParent(), file.toString());
    }

    /** The registry of that name; names match without regard to case, as {@code registry:} values are read. */
    public Optional<NamedRegistry> named(String name) {
        return registries.stream().filter(r -> r.nameText().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The registry whose login a pull from {@code host} uses: a preferred one serving it, else its primary or only one. */
    Optional<NamedRegistry> forDomain(String host, List<String> preferred) throws LoginException {
        for (String name : preferred) {
            NamedRegistry context = named(name).orElseThrow(() -> unknown(name, "registry_context"));
            if (context.domain().equals(host)) {
                return Optional.of(context);
            }
        }
        List<NamedRegistry> serving = registries.stream().filter(r -> r.domain().equals(host)).toList();
        return serving.size() == 1 ? Optional.of(serving.get(0)) : serving.stream().filter(NamedRegistry::primary).findFirst();
    }

    /**
     * Where a push with {@code registry: VALUE} goes: for a named registry, its domain, then its prefix (unless the
     * path starts with it already), then the image's path (Docker Hub's {@code library/} dropped); else the image as is.
     */
    public ImageReference pushTarget(String registryValue, ImageReference image) throws LoginException {
        if (registryValue == null) {
            return image;
        }
        Optional<NamedRegistry> named = named(registryValue);
        if (named.isEmpty()) {
            if (!looksLikeHost(registryValue)) {
                throw unknown(registryValue, "registry");
            }
            return image;
        }
        NamedRegistry registry = named.get();
        return moved(image, registry.domain(), registry.prefix() == null ? null : registry.prefix().value());
    }

    /**
     * Where one entry of a push step's {@code registry} list sends the image: a named registry as {@link #pushTarget};
     * a host, the image's path on that host.
     */
    public ImageReference pushTargetAmong(String registryValue, ImageReference image) throws LoginException {
        if (named(registryValue).isPresent()) {
            return pushTarget(registryValue, image);
        }
        if (!looksLikeHost(registryValue)) {
            throw unknown(registryValue, "registry");
        }
        return moved(image, RegistryName.host(registryValue), null);
    }

    /** The image on another registry, under a prefix unless its path starts with it; Docker Hub's {@code library/} dropped. */
    private static ImageReference moved(ImageReference image, String domain, String prefixValue) {
        String path = image.isDockerHub() && !domain.equals(ImageReference.DOCKER_HUB)
                && image.path().startsWith("library/") ? image.path().substring("library/".length()) : image.path();
        String prefix = prefixValue == null ? "" : prefixValue.replaceAll("^/+|/+$", "");
        if (!prefix.isEmpty() && !path.startsWith(prefix + "/")) {
            path = prefix + "/" + path;
        }
        return new ImageReference(domain, path, image.tag(), null);
    }

    /** A value Docker reads as a registry host: it has a dot, a colon or a scheme, or is localhost. */
    private static boolean looksLikeHost(String value) {
        return value.contains(".") || value.contains(":") || value.toLowerCase(Locale.ROOT).startsWith("localhost");
    }

    private LoginException unknown(String name, String field) {
        String known = registries.isEmpty() ? "no registries file was given (--registries FILE)"
                : "the registries in " + fileName + " are " + String.join(", ", registries.stream().map(NamedRegistry::nameText).toList());
        return new LoginException(field + " \"" + name + "\" is neither a registry host nor a named registry: " + known);
    }
}
