package io.jenkins.plugins.registrysteps.engine.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a registry's host and a credential's content say about the cloud behind them, for programs that hold
 * credentials of their own (Jenkins): Amazon ECR's account and region, Google's registries, Google service-account keys.
 */
public final class CloudRegistries {

    /** {@code ACCOUNT.dkr.ecr[-fips].REGION.amazonaws.com[.cn]}. */
    private static final Pattern ECR = Pattern.compile("(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    /** The user GCR and Artifact Registry take with a whole service-account key as password. */
    public static final String JSON_KEY_USER = "_json_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudRegistries() {
    }

    /** An ECR registry's account (the registry id) and region. */
    public record EcrHost(String registryId, String region) {
    }

    /** The account and region of an ECR host; empty for any other host. */
    public static Optional<EcrHost> ecr(String host) {
        Matcher matcher = ECR.matcher(host.toLowerCase(Locale.ROOT));
        return matcher.matches() ? Optional.of(new EcrHost(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    /** Whether the host is Google's: Container Registry ({@code gcr.io}, {@code eu.gcr.io}) or Artifact Registry. */
    public static boolean google(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.equals("gcr.io") || name.endsWith(".gcr.io") || name.endsWith("-docker.pkg.dev");
    }

    /** Whether a text is a Google service-account key: JSON whose {@code type} is {@code service_account}. */
    public static boolean isServiceAccountKey(String text) {
        if (!text.stripLeading().startsWith("{")) {
            return false;
        }
        try {
            JsonNode type = JSON.readTree(text).get("type");
            return type != null && "service_account".equals(type.asText());
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * The login a service-account key gives for {@code host}: an access token minted from it for Google's registries
     * (the key itself never goes to the registry), the key as {@code _json_key} password elsewhere (a registry that
     * proxies GCR, say).
     *
     * @param source how messages name where the key came from; never the key
     */
    public static LoginSpec serviceAccountLogin(String key, String host, String source) {
        return google(host) ? new LoginSpec.GoogleToken(key, source) : new LoginSpec.Fixed(new Credential(JSON_KEY_USER, key));
    }
}
