package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A login given as settings: a fixed credential (GCR's is user {@code _json_key} with the service account's JSON key as
 * password), ECR keys traded for a token, or a Google access token minted from a service-account key.
 */
public sealed interface LoginSpec extends Serializable {

    /** The secret values this login holds, for a masker: a password or token, AWS keys' secret parts, a Google key. */
    List<String> secrets();

    /** A user name and password or token, used as given. */
    record Fixed(Credential credential) implements LoginSpec {
        public Fixed {
            Objects.requireNonNull(credential, "credential");
        }

        @Override
        public List<String> secrets() {
            return List.of(credential.secret());
        }
    }

    /**
     * Amazon ECR: Wercker's {@code aws-access-key}, {@code aws-secret-key}, {@code aws-region}, {@code aws-registry-id}.
     * Without keys, AWS's default credential chain (environment, profile, instance role) is used.
     *
     * @param registryId the account id, or null for the caller's own registry
     * @param endpoint the ECR API endpoint, or null for AWS's (tests point it at a loopback server)
     * @param sessionToken the session token of temporary keys (an assumed role), or null
     */
    record Ecr(String accessKey, String secretKey, String region, String registryId, String endpoint, String sessionToken)
            implements LoginSpec {
        public Ecr {
            Objects.requireNonNull(region, "region");
            if ((accessKey == null) != (secretKey == null)) {
                throw new IllegalArgumentException("give both the AWS access key and secret key, or neither");
            }
            if (sessionToken != null && accessKey == null) {
                throw new IllegalArgumentException("a session token goes with the access key and secret key it belongs to");
            }
        }

        @Override
        public List<String> secrets() {
            return Stream.of(secretKey, sessionToken).filter(Objects::nonNull).toList();
        }

        /** Long-lived keys, or none. */
        public Ecr(String accessKey, String secretKey, String region, String registryId, String endpoint) {
            this(accessKey, secretKey, region, registryId, endpoint, null);
        }

        @Override
        public String toString() {
            return "Ecr[" + (accessKey == null ? "default credentials" : accessKey) + ", " + region + ", " + registryId + "]";
        }
    }

    /**
     * Google GCR / Artifact Registry: an OAuth2 access token minted from a service-account JSON key (its
     * {@code token_uri} is where the token is asked for), logged in as user {@code oauth2accesstoken}. Without a key,
     * the run's {@code GOOGLE_APPLICATION_CREDENTIALS} file, else Google's Application Default Credentials are used.
     *
     * @param key the JSON key's text, or null for the default credentials
     * @param source how messages name where the key came from, e.g. {@code key_file gcr-key.json}; never the key itself
     */
    record GoogleToken(String key, String source) implements LoginSpec {
        public GoogleToken {
            Objects.requireNonNull(source, "source");
        }

        @Override
        public List<String> secrets() {
            return key == null ? List.of() : List.of(key);
        }

        @Override
        public String toString() {
            return "GoogleToken[" + source + "]";
        }
    }
}
