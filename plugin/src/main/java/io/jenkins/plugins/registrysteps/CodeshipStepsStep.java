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
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@code codeshipSteps()}: runs the workspace's {@code codeship-services.yml} and {@code codeship-steps.yml} on the
 * agent's Docker daemon as Codeship's {@code jet steps} does, each step's log in the build log; returns every step's
 * result (name, status, duration, detail, pushes) and fails the build when a step failed.
 */
public final class CodeshipStepsStep extends Step {

    static final String FUNCTION = "codeshipSteps";
    /** Containers running at once, as the CLI's default. */
    static final int PARALLELISM = 4;

    private String services;
    private String steps;
    private String branch;
    private String keyCredentialsId;
    private String registries;

    @DataBoundConstructor
    public CodeshipStepsStep() {
    }

    public String getServices() {
        return services;
    }

    @DataBoundSetter
    public void setServices(String services) {
        this.services = Util.fixEmptyAndTrim(services);
    }

    public String getSteps() {
        return steps;
    }

    @DataBoundSetter
    public void setSteps(String steps) {
        this.steps = Util.fixEmptyAndTrim(steps);
    }

    public String getBranch() {
        return branch;
    }

    @DataBoundSetter
    public void setBranch(String branch) {
        this.branch = Util.fixEmptyAndTrim(branch);
    }

    public String getKeyCredentialsId() {
        return keyCredentialsId;
    }

    @DataBoundSetter
    public void setKeyCredentialsId(String keyCredentialsId) {
        this.keyCredentialsId = Util.fixEmptyAndTrim(keyCredentialsId);
    }

    public String getRegistries() {
        return registries;
    }

    @DataBoundSetter
    public void setRegistries(String registries) {
        this.registries = Util.fixEmptyAndTrim(registries);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, this);
    }

    /**
     * Resolves logins and key on the controller, runs the pipeline on the agent of {@code workspace}, and lists its
     * pushes on the build's page.
     *
     * @throws AbortException when the files are invalid or a step failed, after the pushes made are recorded
     */
    StepsOutcome run(Run<?, ?> run, FilePath workspace, EnvVars vars, TaskListener listener)
            throws IOException, InterruptedException {
        SuppliedLogins logins = logins(run, listener);
        String key = keyCredentialsId == null ? null : CredentialLookup.key(run, keyCredentialsId);
        StepsOutcome outcome = workspace.act(new StepsCallable(expand(services, vars), expand(steps, vars),
                expand(branch, vars), new HashMap<>(vars), run.getStartTimeInMillis(), logins,
                key == null ? null : new StepsCallable.ProjectKey(key, CredentialLookup.keyName(keyCredentialsId)),
                PARALLELISM, listener));
        PushedImagesAction.record(run, outcome.pushes());
        if (!outcome.passed()) {
            throw new AbortException(FUNCTION + ": the pipeline failed at " + String.join(", ", outcome.failed()));
        }
        return outcome;
    }

    /**
     * The named registries given in {@code registries}, each with its login; when none are given, every named registry,
     * with the logins this build may use (the others are said in the log and left out).
     */
    private SuppliedLogins logins(Run<?, ?> run, TaskListener listener) throws IOException {
        NamedRegistries named = NamedRegistries.get();
        SuppliedLogins logins = new SuppliedLogins(CredentialLookup.SOURCE);
        if (registries != null) {
            for (String name : FieldText.words(registries)) {
                NamedRegistry registry = named.byName(name).orElseThrow(() -> new AbortException(FUNCTION
                        + ": no named registry \"" + name + "\": add it in Manage Jenkins > System, or remove it"));
                logins.addNamed(registry.getName(), registry.host(), registry.getPrefix(), registry.isPrimary(),
                        registry.getCredentialsId() == null ? null
                                : CredentialLookup.logins(run, registry.getCredentialsId(), registry.host()));
            }
            return logins;
        }
        for (NamedRegistry registry : named.getRegistries()) {
            SuppliedLogins credentials = null;
            if (registry.getCredentialsId() != null) {
                try {
                    credentials = CredentialLookup.logins(run, registry.getCredentialsId(), registry.host());
                } catch (AbortException e) {
                    listener.getLogger().println(FUNCTION + ": no login for the named registry " + registry.getName()
                            + ": " + e.getMessage());
                }
            }
            logins.addNamed(registry.getName(), registry.host(), registry.getPrefix(), registry.isPrimary(), credentials);
        }
        return logins;
    }

    private static String expand(String value, EnvVars vars) {
        return value == null ? null : vars.expand(value);
    }

    /** Runs the pipeline on a thread of its own; stopping the step interrupts the agent, whose runner stops. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {

        private static final long serialVersionUID = 1L;

        private final transient CodeshipStepsStep step;

        Execution(StepContext context, CodeshipStepsStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            StepContext context = getContext();
            ArrayList<Map<String, Object>> results = step.run(context.get(Run.class), context.get(FilePath.class),
                    context.get(EnvVars.class), context.get(TaskListener.class)).toMaps();
            return results;
        }
    }

    /** {@code codeshipSteps} in Pipeline and the Snippet Generator. */
    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return FUNCTION;
        }

        @Override
        public String getDisplayName() {
            return "Run Codeship Pro steps (codeship-services.yml, codeship-steps.yml)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, EnvVars.class, TaskListener.class);
        }

        public FormValidation doCheckRegistries(@AncestorInPath Item item, @QueryParameter String value) {
            if (!FormChecks.mayConfigure(item)) {
                return FormValidation.ok();
            }
            for (String name : FieldText.words(value)) {
                if (NamedRegistries.get().byName(name).isEmpty()) {
                    return FormValidation.error("no named registry \"" + name + "\": add it in Manage Jenkins > System");
                }
            }
            return FormValidation.ok();
        }

        @POST
        public ListBoxModel doFillKeyCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String keyCredentialsId) {
            return CredentialLookup.items(item, keyCredentialsId, CredentialLookup.KEY_TYPES);
        }
    }
}
