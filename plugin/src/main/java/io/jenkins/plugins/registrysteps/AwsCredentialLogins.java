package io.jenkins.plugins.registrysteps;

import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.AbortException;
import hudson.PluginWrapper;
import io.jenkins.plugins.registrysteps.engine.auth.CloudRegistries;
import io.jenkins.plugins.registrysteps.engine.auth.LoginSpec;
import jenkins.model.Jenkins;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * AWS credentials of the AWS Credentials plugin, an optional dependency: this class is only touched after
 * {@link #installed()} said yes. The keys (and the session token of an assumed role, which the plugin resolves on the
 * controller) go to the agent, where the engine trades them for an ECR token. They are read through that plugin's AWS SDK
 * v2 interface ({@code resolveCredentials}), not through its SDK v1 compatibility types, which are deprecated for removal.
 */
final class AwsCredentialLogins {

    private static final String PLUGIN = "aws-credentials";

    private AwsCredentialLogins() {
    }

    static boolean installed() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        PluginWrapper plugin = jenkins == null ? null : jenkins.getPluginManager().getPlugin(PLUGIN);
        return plugin != null && plugin.isActive();
    }

    static CredentialsMatcher matcher() {
        return CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class);
    }

    static boolean handles(StandardCredentials credentials) {
        return credentials instanceof AmazonWebServicesCredentials;
    }

    /**
     * The keys of {@code credentials} for the ECR registry {@code ecr}.
     *
     * @param name how messages name the credentials
     * @throws AbortException when the plugin cannot give keys (an assumed role refused, say): the build says why
     */
    static LoginSpec login(StandardCredentials credentials, CloudRegistries.EcrHost ecr, String name) throws AbortException {
        AwsCredentials keys;
        try {
            keys = ((AmazonWebServicesCredentials) credentials).resolveCredentials();
        } catch (SdkException e) {
            throw new AbortException(name + " give no AWS keys: " + e.getMessage());
        }
        String session = keys instanceof AwsSessionCredentials temporary ? temporary.sessionToken() : null;
        return new LoginSpec.Ecr(keys.accessKeyId(), keys.secretAccessKey(), ecr.region(), ecr.registryId(), null,
                session);
    }
}
