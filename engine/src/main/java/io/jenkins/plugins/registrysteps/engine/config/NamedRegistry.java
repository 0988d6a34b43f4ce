package io.jenkins.plugins.registrysteps.engine.config;

/**
 * One entry of a registries file (Codefresh's registry integrations): a name steps use in {@code registry:} and
 * {@code registry_context}, the registry host it serves, a repository prefix pushes get, whether it is the primary
 * login for its domain, and where its login comes from.
 *
 * @param domain the registry host ({@code docker.io} for Docker Hub); for ECR without one, derived from account and region
 * @param prefix a repository prefix such as {@code acme-company}, or null
 */
public record NamedRegistry(Located<String> name, String domain, Located<String> prefix, boolean primary,
        RegistryCredentials credentials) {

    public String nameText() {
        return name.value();
    }
}
