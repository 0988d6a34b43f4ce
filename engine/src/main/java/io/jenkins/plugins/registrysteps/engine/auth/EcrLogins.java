package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;

/**
 * ECR logins: access key, secret key, region and registry id traded for a token with {@code GetAuthorizationToken}
 * (AWS SDK v2), the token being base64 of {@code AWS:password}. Tokens are kept until shortly before they expire
 * (ECR's live 12 hours), then fetched again, so a long run keeps logging in. Without keys, the run's environment
 * ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}) is used, else AWS's default
 * chain (profiles, instance and container roles).
 */
final class EcrLogins {

    /** A token this close to its expiry is fetched again: a push may take that long. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(15);

    private final Map<String, String> environment;
    private final Clock clock;
    private final ExpiringLogins<LoginSpec.Ecr> tokens;

    EcrLogins(Map<String, String> environment, Clock clock) {
        this.environment = environment;
        this.clock = clock;
        this.tokens = new ExpiringLogins<>(clock, RENEW_BEFORE, this::fetch);
    }

    Credential login(LoginSpec.Ecr spec) throws LoginException {
        return tokens.login(spec);
    }

    private ExpiringLogins.Token fetch(LoginSpec.Ecr spec) throws LoginException {
        String action = "get an ECR login token for " + (spec.registryId() == null ? "the account's registry" : "registry "
                + spec.registryId()) + " in " + spec.region();
        EcrClientBuilder builder = EcrClient.builder()
                .region(Region.of(spec.region()))
                .credentialsProvider(credentials(spec))
                .httpClient(UrlConnectionHttpClient.create());
        if (spec.endpoint() != null) {
            builder.endpointOverride(URI.create(spec.endpoint()));
        }
        try (EcrClient ecr = builder.build()) {
            AuthorizationData data = ecr.getAuthorizationToken(request -> {
                if (spec.registryId() != null) {
                    request.registryIds(spec.registryId());
                }
            }).authorizationData().stream().findFirst()
                    .orElseThrow(() -> new LoginException(action + ": ECR answered without authorization data"));
            String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new LoginException(action + ": the token is not base64 of user:password");
            }
            Instant expires = data.expiresAt() != null ? data.expiresAt() : clock.instant().plus(Duration.ofHours(12));
            return new ExpiringLogins.Token(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)), expires);
        } catch (AwsServiceException e) {
            throw new LoginException(action + ": AWS refused: " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        } catch (SdkException | IllegalArgumentException e) {
            throw new LoginException(action + ": " + e.getMessage(), e);
        }
    }

    private AwsCredentialsProvider credentials(LoginSpec.Ecr spec) {
        if (spec.accessKey() != null) {
            return StaticCredentialsProvider.create(spec.sessionToken() == null
                    ? AwsBasicCredentials.create(spec.accessKey(), spec.secretKey())
                    : AwsSessionCredentials.create(spec.accessKey(), spec.secretKey(), spec.sessionToken()));
        }
        String key = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (key != null && secret != null) {
            String session = environment.get("AWS_SESSION_TOKEN");
            return StaticCredentialsProvider.create(session == null ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, session));
        }
        return DefaultCredentialsProvider.create();
    }
}
