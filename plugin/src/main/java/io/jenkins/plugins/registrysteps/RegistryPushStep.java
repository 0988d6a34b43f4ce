package io.jenkins.plugins.registrysteps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.registrysteps.engine.auth.SuppliedLogins;
import io.jenkins.plugins.registrysteps.engine.config.RegistryName;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.image.InvalidReferenceException;
import io.jenkins.plugins.registrysteps.engine.template.TemplateException;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code registryPush image: 'app', tag: '1.2.3'}: pushes an image of the agent's Docker daemon, or (with
 * {@code candidate}) copies one from a registry without a daemon, to a registry under one or more tags, with Wercker's
 * settings baked in when given. Returns the pushed digest.
 */
public final class RegistryPushStep extends Step {

    static final String FUNCTION = "registryPush";

    private final String image;
    private String tag;
    private String tags;
    private String registry;
    private String credentialsId;
    private String imageName;
    private String candidate;
    private String cmd;
    private String entrypoint;
    private String ports;
    private String env;
    private String labels;

    /** @param image the daemon's image to push, and the target's name unless {@code imageName} is given */
    @DataBoundConstructor
    public RegistryPushStep(String image) {
        this.image = Util.fixEmptyAndTrim(image);
        if (this.image == null) {
            throw new IllegalArgumentException(FUNCTION + ": give the image to push, as the Docker daemon names it "
                    + "(image: 'app')");
        }
    }

    public String getImage() {
        return image;
    }

    public String getTag() {
        return tag;
    }

    @DataBoundSetter
    public void setTag(String tag) {
        this.tag = Util.fixEmptyAndTrim(tag);
    }

    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = Util.fixEmptyAndTrim(tags);
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = Util.fixEmptyAndTrim(registry);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public String getImageName() {
        return imageName;
    }

    @DataBoundSetter
    public void setImageName(String imageName) {
        this.imageName = Util.fixEmptyAndTrim(imageName);
    }

    public String getCandidate() {
        return candidate;
    }

    @DataBoundSetter
    public void setCandidate(String candidate) {
        this.candidate = Util.fixEmptyAndTrim(candidate);
    }

    public String getCmd() {
        return cmd;
    }

    @DataBoundSetter
    public void setCmd(String cmd) {
        this.cmd = Util.fixEmptyAndTrim(cmd);
    }

    public String getEntrypoint() {
        return entrypoint;
    }

    @DataBoundSetter
    public void setEntrypoint(String entrypoint) {
        this.entrypoint = Util.fixEmptyAndTrim(entrypoint);
    }

    public String getPorts() {
        return ports;
    }

    @DataBoundSetter
    public void setPorts(String ports) {
        this.ports = Util.fixEmptyAndTrim(ports);
    }

    public String getEnv() {
        return env;
    }

    @DataBoundSetter
    public void setEnv(String env) {
        this.env = Util.fixEmptyAndTrim(env);
    }

    public String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = Util.fixEmptyAndTrim(labels);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Resolves the push on the controller (named registry, target, tags, credentials), runs it on the agent of
     * {@code workspace}, and lists it on the build's page.
     */
    PushRecord push(Run<?, ?> run, FilePath workspace, EnvVars vars, TaskListener listener)
            throws IOException, InterruptedException {
        NamedRegistries named = NamedRegistries.get();
        Optional<NamedRegistry> namedTarget = registry == null ? Optional.empty() : named.byName(vars.expand(registry));
        String host = namedTarget.map(NamedRegistry::host)
                .orElse(registry == null ? null : RegistryName.host(vars.expand(registry)));
        String name = vars.expand(imageName != null ? imageName : image);
        ImageReference repository;
        List<String> rendered;
        PushSpec spec;
        try {
            repository = PushTargets.repository(name, host, namedTarget.map(NamedRegistry::getPrefix).orElse(null));
            rendered = PushTargets.tags(tag == null ? null : vars.expand(tag), tags == null ? null : vars.expand(tags),
                    PushTargets.tagOf(name), () -> EngineBridge.templateData(
                            BuildFacts.context(vars, null, run.getStartTimeInMillis()), FUNCTION, repository));
            spec = new PushSpec(vars.expand(candidate != null ? candidate : image), candidate != null, repository,
                    rendered, FieldText.command(cmd, "cmd"), FieldText.command(entrypoint, "entrypoint"),
                    FieldText.words(ports), FieldText.pairs(env == null ? null : vars.expand(env), "env"),
                    FieldText.pairs(labels == null ? null : vars.expand(labels), "labels"));
        } catch (InvalidReferenceException | TemplateException | IllegalArgumentException e) {
            throw new AbortException(FUNCTION + ": " + e.getMessage());
        }
        SuppliedLogins logins = logins(run, named, namedTarget, repository.registry(), vars);
        listener.getLogger().println(FUNCTION + ": " + spec.source() + " to " + repository + ":" + String.join(", ", rendered));
        PushRecord record = workspace.act(new PushCallable(spec, logins, new HashMap<>(vars), listener))
                .withBuild(vars.get("GIT_COMMIT"), BuildFacts.branchOf(vars));
        PushedImagesAction.record(run, List.of(record));
        listener.getLogger().println(FUNCTION + ": pushed " + record.getReference());
        return record;
    }

    /**
     * The step's credentials for the target; else the named registry's. A candidate in another registry logs in with
     * that registry's named registry.
     */
    private SuppliedLogins logins(Run<?, ?> run, NamedRegistries named, Optional<NamedRegistry> namedTarget,
            String targetHost, EnvVars vars) throws IOException {
        SuppliedLogins logins = new SuppliedLogins(CredentialLookup.SOURCE);
        if (candidate != null) {
            try {
                String sourceHost = ImageReference.parse(vars.expand(candidate)).registry();
                if (!sourceHost.equals(targetHost)) {
                    logins.addAll(named.loginsFor(run, sourceHost));
                }
            } catch (InvalidReferenceException e) {
                throw new AbortException(FUNCTION + ": candidate: " + e.getMessage());
            }
        }
        String id = credentialsId != null ? credentialsId : namedTarget.map(NamedRegistry::getCredentialsId).orElse(null);
        logins.addAll(id != null ? CredentialLookup.logins(run, id, targetHost) : named.loginsFor(run, targetHost));
        return logins;
    }

    /** Pushes on a thread of its own; stopping the step interrupts the agent's work. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        private static final long serialVersionUID = 1L;

        private final transient RegistryPushStep step;

        Execution(StepContext context, RegistryPushStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            StepContext context = getContext();
            return step.push(context.get(Run.class), context.get(FilePath.class), context.get(EnvVars.class),
                    context.get(TaskListener.class)).getDigest();
        }
    }

    /** {@code registryPush} in Pipeline and the Snippet Generator. */
    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Push an image to a registry";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, EnvVars.class, TaskListener.class);
        }

        public FormValidation doCheckImage(@QueryParameter String value) {
            return FormChecks.image(value, true);
        }

        public FormValidation doCheckImageName(@QueryParameter String value) {
            return FormChecks.image(value, false);
        }

        public FormValidation doCheckCandidate(@QueryParameter String value) {
            return FormChecks.image(value, false);
        }

        public FormValidation doCheckTag(@QueryParameter String value) {
            return FormChecks.tags(value);
        }

        public FormValidation doCheckTags(@QueryParameter String value) {
            return FormChecks.tags(value);
        }

        public FormValidation doCheckRegistry(@AncestorInPath Item item, @QueryParameter String value) {
            return FormChecks.mayConfigure(item) ? FormChecks.registry(value, true) : FormValidation.ok();
        }

        public FormValidation doCheckPorts(@QueryParameter String value) {
            return FormChecks.ports(value);
        }

        public FormValidation doCheckEnv(@QueryParameter String value) {
            return FormChecks.pairs(value, "env");
        }

        public FormValidation doCheckLabels(@QueryParameter String value) {
            return FormChecks.pairs(value, "labels");
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return CredentialLookup.items(item, credentialsId, CredentialLookup.loginTypes());
        }
    }
}
