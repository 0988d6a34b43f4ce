package io.jenkins.plugins.registrysteps;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.registrysteps.engine.auth.CloudRegistries;
import io.jenkins.plugins.registrysteps.engine.auth.LoginSpec;
import io.jenkins.plugins.registrysteps.engine.auth.SuppliedLogins;
import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.crypt.CryptException;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Jenkins credentials as the engine needs them, resolved on the controller for the build that uses them (as
 * credentials-plugin asks consumers to): a registry login from username/password (Docker Hub, Quay robots, GCR's
 * {@code _json_key}), from a secret file or secret text holding a Docker config or a Google service-account key, or
 * from AWS credentials (where that plugin is installed); the AES key from a secret file or secret text. Also the
 * permission-checked drop-downs that list them.
 */
final class CredentialLookup {

    /** How the engine names the logins of Jenkins credentials in messages. */
    static final String SOURCE = "Jenkins credentials";

    /** What can hold a registry login; AWS credentials too where the AWS Credentials plugin is installed. */
    static CredentialsMatcher loginTypes() {
        CredentialsMatcher plain = CredentialsMatchers.anyOf(
                CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
                CredentialsMatchers.instanceOf(FileCredentials.class),
                CredentialsMatchers.instanceOf(StringCredentials.class));
        return AwsCredentialLogins.installed() ? CredentialsMatchers.anyOf(plain, AwsCredentialLogins.matcher()) : plain;
    }

    /** What can hold the AES key of encrypted files. */
    static final CredentialsMatcher KEY_TYPES = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(FileCredentials.class),
            CredentialsMatchers.instanceOf(StringCredentials.class));

    private CredentialLookup() {
    }

    /**
     * The login(s) a credential gives for {@code registry}: username/password as they are; a secret file or secret
     * text holding a Google service-account key (an access token for GCR and Artifact Registry, {@code _json_key}
     * elsewhere) or a Docker config (its entries, for the registries it names); AWS credentials for an ECR registry.
     */
    static SuppliedLogins logins(Run<?, ?> run, String credentialsId, String registry) throws IOException {
        StandardCredentials credentials = find(run, credentialsId, registry, "a registry login");
        String name = "credentials '" + credentialsId + "'";
        String host = RegistryName.host(registry);
        SuppliedLogins logins = new SuppliedLogins(SOURCE);
        if (credentials instanceof StandardUsernamePasswordCredentials login) {
            logins.add(registry, new LoginSpec.Fixed(new Credential(login.getUsername(), login.getPassword().getPlainText())));
        } else if (credentials instanceof FileCredentials || credentials instanceof StringCredentials) {
            String text = new String(content(credentials), StandardCharsets.UTF_8);
            if (CloudRegistries.isServiceAccountKey(text)) {
                logins.add(registry, CloudRegistries.serviceAccountLogin(text, host, name));
                return logins;
            }
            try {
                logins.addAll(EngineBridge.dockerConfigLogins(text.getBytes(StandardCharsets.UTF_8), name));
            } catch (IOException e) {
                // a credential that holds no Docker config is the user's to fix: no stack trace in the build log
                throw new AbortException(e.getMessage() + " (nor is it a Google service-account key)");
            }
        } else if (AwsCredentialLogins.installed() && AwsCredentialLogins.handles(credentials)) {
            CloudRegistries.EcrHost ecr = CloudRegistries.ecr(host).orElseThrow(() -> new AbortException(name
                    + " are AWS keys, which log in to Amazon ECR registries (ACCOUNT.dkr.ecr.REGION.amazonaws.com), not to "
                    + registry));
            logins.add(registry, AwsCredentialLogins.login(credentials, ecr, name));
        } else {
            throw wrongType(credentialsId, credentials, "a registry login needs username/password, a secret file or "
                    + "secret text holding a Docker config or a Google service-account key"
                    + (AwsCredentialLogins.installed() ? ", or AWS credentials for ECR" : ""));
        }
        return logins;
    }

    /**
     * The project's AES key: the text of {@code codeship.aes}, checked here so a wrong credential fails before the agent
     * is asked for anything.
     */
    static String key(Run<?, ?> run, String credentialsId) throws IOException {
        StandardCredentials credentials = find(run, credentialsId, null, "the AES key");
        if (!(credentials instanceof FileCredentials || credentials instanceof StringCredentials)) {
            throw wrongType(credentialsId, credentials, "the AES key of encrypted files is a secret file (codeship.aes) "
                    + "or secret text");
        }
        String text = new String(content(credentials), StandardCharsets.ISO_8859_1);
        try {
            JetKey.parse(text, keyName(credentialsId));
        } catch (CryptException e) {
            throw new AbortException(e.getMessage());
        }
        return text;
    }

    /** How errors name the key held by a credential. */
    static String keyName(String credentialsId) {
        return "credentials '" + credentialsId + "'";
    }

    /** The credentials a field may choose, shown only to those who may configure the item (or Jenkins, for none). */
    static ListBoxModel items(Item item, String current, CredentialsMatcher types) {
        StandardListBoxModel model = new StandardListBoxModel();
        boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
        if (!allowed) {
            return model.includeCurrentValue(current);
        }
        if (item == null) {
            // the global configuration: credentials of the root that builds may use, so not those of scope SYSTEM
            return model.includeEmptyValue()
                    .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StandardCredentials.class, List.<DomainRequirement>of(),
                            CredentialsMatchers.allOf(types, CredentialsMatchers.not(
                                    CredentialsMatchers.withScope(CredentialsScope.SYSTEM))))
                    .includeCurrentValue(current);
        }
        return model.includeEmptyValue()
                .includeMatchingAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2,
                        item, StandardCredentials.class, List.<DomainRequirement>of(), types)
                .includeCurrentValue(current);
    }

    private static StandardCredentials find(Run<?, ?> run, String credentialsId, String registry, String purpose)
            throws AbortException {
        List<DomainRequirement> requirements = registry == null ? List.of()
                : URIRequirementBuilder.fromUri("https://" + registry).build();
        StandardCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StandardCredentials.class,
                run, requirements);
        if (credentials == null) {
            throw new AbortException("no credentials '" + credentialsId + "' for " + purpose
                    + (registry == null ? "" : " of " + registry) + " that this build may use: check the id, the "
                    + "credentials' domain, and that the job can see them");
        }
        CredentialsProvider.track(run, credentials);
        return credentials;
    }

    private static byte[] content(StandardCredentials credentials) throws IOException {
        if (credentials instanceof StringCredentials text) {
            return text.getSecret().getPlainText().getBytes(StandardCharsets.UTF_8);
        }
        try (InputStream in = ((FileCredentials) credentials).getContent()) {
            return in.readAllBytes();
        }
    }

    private static AbortException wrongType(String credentialsId, StandardCredentials credentials, String expected) {
        return new AbortException("credentials '" + credentialsId + "' are of the kind \""
                + credentials.getDescriptor().getDisplayName() + "\": " + expected);
    }
}
