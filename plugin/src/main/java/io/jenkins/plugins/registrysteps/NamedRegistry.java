package io.jenkins.plugins.registrysteps;

import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A registry known by name (a Codefresh integration): its domain, the repository prefix images go under, the
 * credentials that log in to it, and whether it is the primary one of its domain. {@code registry: 'name'} on a push
 * means this registry.
 */
public final class NamedRegistry extends AbstractDescribableImpl<NamedRegistry> {

    private final String name;
    private final String domain;
    private String prefix;
    private String credentialsId;
    private boolean primary;

    @DataBoundConstructor
    public NamedRegistry(String name, String domain) {
        this.name = Util.fixEmptyAndTrim(name);
        this.domain = Util.fixEmptyAndTrim(domain);
    }

    public String getName() {
        return name;
    }

    public String getDomain() {
        return domain;
    }

    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(String prefix) {
        String trimmed = Util.fixEmptyAndTrim(prefix);
        this.prefix = trimmed == null ? null : trimmed.replaceAll("^/+|/+$", "");
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public boolean isPrimary() {
        return primary;
    }

    @DataBoundSetter
    public void setPrimary(boolean primary) {
        this.primary = primary;
    }

    /** The registry host the domain names ({@code https://index.docker.io/v1/} is {@code docker.io}). */
    String host() {
        return RegistryName.host(domain);
    }

    /** Edits a named registry on the global configuration page. */
    @Extension
    public static final class DescriptorImpl extends Descriptor<NamedRegistry> {

        @Override
        public String getDisplayName() {
            return "Named registry";
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            return FormChecks.registryName(value);
        }

        public FormValidation doCheckDomain(@QueryParameter String value) {
            return FormChecks.registry(value, false);
        }

        public FormValidation doCheckPrefix(@QueryParameter String value) {
            return FormChecks.prefix(value);
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return CredentialLookup.items(null, credentialsId, CredentialLookup.loginTypes());
        }
    }
}
