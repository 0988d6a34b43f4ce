package io.jenkins.plugins.registrysteps;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.template.ImageTagTemplate;
import io.jenkins.plugins.registrysteps.engine.template.TemplateException;
import java.util.Optional;
import jenkins.model.Jenkins;

/**
 * Form validation of the fields, by the engine's own rules (image references, {@code image_tag} templates, registry
 * names). A value holding {@code ${...}} is expanded only when the build runs, so it is not judged here.
 */
final class FormChecks {

    private FormChecks() {
    }

    static FormValidation image(String value, boolean required) {
        if (isBlank(value)) {
            return required ? FormValidation.error("Give the image to push, as the Docker daemon names it (app, app:1.2)")
                    : FormValidation.ok();
        }
        if (expandedLater(value)) {
            return FormValidation.ok();
        }
        try {
            ImageReference.parse(value.strip());
            return FormValidation.ok();
        } catch (InvalidReferenceException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** Every tag is an {@code image_tag} template ({@code 1.2}, {@code {{ .Branch }}-{{ .CommitID }}}). */
    static FormValidation tags(String value) {
        if (expandedLater(value)) {
            return FormValidation.ok();
        }
        for (String tag : FieldText.items(value)) {
            try {
                ImageTagTemplate.parse(tag);
            } catch (TemplateException e) {
                return FormValidation.error("tag \"" + tag + "\": " + e.getMessage());
            }
        }
        return FormValidation.ok();
    }

    /** A URL, {@code host[:port]}, or (when {@code named}) the name of a named registry. */
    /**
     * Whether the user may see what the global configuration holds (named registries' names, hosts and prefixes) in
     * a form of {@code item}: those who may configure it, or Jenkins for a form outside any item.
     */
    static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    static FormValidation registry(String value, boolean named) {
        if (isBlank(value) || expandedLater(value)) {
            return FormValidation.ok();
        }
        if (named) {
            Optional<NamedRegistry> registry = NamedRegistries.get().byName(value.strip());
            if (registry.isPresent()) {
                return FormValidation.ok("the named registry " + registry.get().getName() + ": " + registry.get().host()
                        + (registry.get().getPrefix() == null ? "" : "/" + registry.get().getPrefix()));
            }
        }
        String host = RegistryName.host(value);
        try {
            ImageReference parsed = ImageReference.parse(host + "/image");
            if (!parsed.registry().equals(host)) {
                return FormValidation.error("\"" + value + "\" is not a registry: write a host with a dot or a port "
                        + "(registry.example.com, localhost:5000), a URL" + (named ? ", or the name of a named registry" : ""));
            }
            return FormValidation.ok();
        } catch (InvalidReferenceException e) {
            return FormValidation.error("\"" + value + "\" is not a registry host: " + e.getMessage());
        }
    }

    /** A named registry's name must not read as a host, or {@code registry:} could mean either. */
    static FormValidation registryName(String value) {
        if (isBlank(value)) {
            return FormValidation.error("Give the registry a name, such as azure-demo");
        }
        String name = value.strip();
        if (name.contains(".") || name.contains(":") || name.contains("/") || name.equals("localhost")) {
            return FormValidation.error("\"" + name + "\" reads as a registry host; use a name without '.', ':' or '/'");
        }
        return FormValidation.ok();
    }

    static FormValidation prefix(String value) {
        if (isBlank(value) || expandedLater(value)) {
            return FormValidation.ok();
        }
        try {
            ImageReference.parse("registry.example.com/" + value.strip().replaceAll("^/+|/+$", "") + "/image");
            return FormValidation.ok();
        } catch (InvalidReferenceException e) {
            return FormValidation.error("\"" + value + "\" is not a repository prefix: " + e.getMessage());
        }
    }

    static FormValidation pairs(String value, String field) {
        try {
            FieldText.pairs(value, field);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    static FormValidation ports(String value) {
        for (String port : FieldText.words(value)) {
            if (!port.matches("\\d{1,5}(/(tcp|udp|sctp))?")) {
                return FormValidation.error("\"" + port + "\" is not a port: write 5000, 5000/tcp or 53/udp");
            }
        }
        return FormValidation.ok();
    }

    private static boolean expandedLater(String value) {
        return value != null && value.contains("${");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
