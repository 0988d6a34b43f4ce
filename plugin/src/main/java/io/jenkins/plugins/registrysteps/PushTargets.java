package io.jenkins.plugins.registrysteps;

import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.template.ImageTagTemplate;
import io.jenkins.plugins.registrysteps.engine.template.TemplateData;
import io.jenkins.plugins.registrysteps.engine.template.TemplateException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where {@code registryPush} puts an image: the repository named by {@code imageName} (else {@code image}) on
 * {@code registry} (else the name's own registry) under a named registry's prefix, and the tags, each an
 * {@code image_tag} template rendered for the build.
 */
final class PushTargets {

    static final String DEFAULT_TAG = "latest";
    /** A literal tag reads no variable, so it needs no build facts. */
    private static final TemplateData LITERAL = TemplateData.builder().build();

    /** The build's template variables, read only when a tag is a template (a build without a branch has none). */
    @FunctionalInterface
    interface BuildData {
        TemplateData get() throws IOException;
    }

    private PushTargets() {
    }

    /**
     * @param registryHost the registry's host, or null to use the one the name gives (Docker Hub when none)
     * @param prefix       a named registry's repository prefix, or null
     * @return the target repository, without a tag
     */
    static ImageReference repository(String name, String registryHost, String prefix) throws InvalidReferenceException {
        String bare = withoutTagOrDigest(name);
        ImageReference parsed = ImageReference.parse(bare);
        if (registryHost == null) {
            return parsed;
        }
        if (namesRegistry(bare, parsed)) {
            if (!RegistryName.host(parsed.registry()).equals(registryHost)) {
                throw new InvalidReferenceException("image name \"" + name + "\" names the registry " + parsed.registry()
                        + " and registry is " + registryHost + ": give the registry in one place");
            }
            return parsed;
        }
        String path = prefix == null || bare.startsWith(prefix + "/") ? bare : prefix + "/" + bare;
        return ImageReference.parse(registryHost + "/" + path);
    }

    /**
     * @param nameTag the tag written in the image name, used when no tag is given; else {@code latest}
     * @return the rendered tags, each once, in the order given
     */
    static List<String> tags(String tag, String tags, String nameTag, BuildData data) throws TemplateException, IOException {
        List<String> templates = new ArrayList<>();
        if (tag != null) {
            templates.add(tag);
        }
        templates.addAll(FieldText.items(tags));
        if (templates.isEmpty()) {
            return List.of(nameTag != null ? nameTag : DEFAULT_TAG);
        }
        Set<String> rendered = new LinkedHashSet<>();
        for (String text : templates) {
            ImageTagTemplate template = ImageTagTemplate.parse(text);
            rendered.add(template.renderTag(template.isLiteral() ? LITERAL : data.get()));
        }
        return List.copyOf(rendered);
    }

    /** The tag written in an image name ({@code app:1.2} gives {@code 1.2}), or null. */
    static String tagOf(String name) {
        String bare = stripDigest(name);
        int colon = bare.lastIndexOf(':');
        return colon > bare.lastIndexOf('/') ? bare.substring(colon + 1) : null;
    }

    private static String withoutTagOrDigest(String name) {
        String bare = stripDigest(name);
        int colon = bare.lastIndexOf(':');
        return colon > bare.lastIndexOf('/') ? bare.substring(0, colon) : bare;
    }

    private static String stripDigest(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name.strip() : name.substring(0, at).strip();
    }

    /** Docker Hub counts as named only when written out: {@code app} gets the given registry. */
    private static boolean namesRegistry(String bare, ImageReference parsed) {
        return !parsed.isDockerHub() || bare.startsWith("docker.io/") || bare.startsWith("index.docker.io/");
    }
}
