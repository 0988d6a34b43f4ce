package io.jenkins.plugins.registrysteps.engine.config;

/**
 * Where a named registry's login comes from. Secrets are never written in the registries file itself: it names the
 * environment variables or files that hold them. One kind per registry:
 * <ul>
 * <li>{@code username} or {@code username_env}, with {@code password_env} or {@code password_file};</li>
 * <li>{@code dockercfg}: the registry's entry in a docker config file (credential helpers included);</li>
 * <li>{@code ecr}: {@code region}, {@code registry_id}, {@code access_key_env} and {@code secret_key_env} (both or
 * neither: then the environment's AWS keys or AWS's default chain), and an {@code endpoint} override;</li>
 * <li>{@code gcr}: {@code key_file} or {@code key_env}, a service-account JSON key traded for an access token (neither:
 * Google's Application Default Credentials).</li>
 * </ul>
 * All fields are null when the registry has no {@code credentials}: it is then reached with the user's docker config.
 */
public record RegistryCredentials(Located<String> username, Located<String> usernameEnv, Located<String> passwordEnv,
        Located<String> passwordFile, Located<String> dockercfg, Ecr ecr, Gcr gcr) {

    public static final RegistryCredentials NONE = new RegistryCredentials(null, null, null, null, null, null, null);

    /** ECR settings of a named registry. */
    public record Ecr(Located<String> region, Located<String> registryId, Located<String> accessKeyEnv,
            Located<String> secretKeyEnv, Located<String> endpoint) {
    }

    /** GCR / Artifact Registry access-token settings of a named registry: where the JSON key is, or neither. */
    public record Gcr(Located<String> keyFile, Located<String> keyEnv) {
    }
}
