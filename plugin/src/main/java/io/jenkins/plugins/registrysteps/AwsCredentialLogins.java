package io.jenkins.plugins.registrysteps;

import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.auth.AWSSessionCredentials;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.PluginWrapper;
import io.jenkins.plugins.registrysteps.engine.auth.CloudRegistries;
import io.jenkins.plugins.registrysteps.engine.auth.LoginSpec;
import jenkins.model.Jenkins;

/**
 * AWS credentials of the AWS Credentials plugin, an optional dependency: this class is only touched after
 * {@link #installed()} said yes. The keys (and the session token of an assumed role, which the plugin resolves on the
 * controller) go to the agent, where the engine trades them for an ECR token.
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

    /** The keys of {@code credentials} for the ECR registry {@code ecr}. */
    static LoginSpec login(StandardCredentials credentials, CloudRegistries.EcrHost ecr) {
        AWSCredentials keys = ((AmazonWebServicesCredentials) credentials).getCredentials();
        String session = keys instanceof AWSSessionCredentials temporary ? temporary.getSessionToken() : null;
        return new LoginSpec.Ecr(keys.getAWSAccessKeyId(), keys.getAWSSecretKey(), ecr.region(), ecr.registryId(), null,
                session);
    }
}
