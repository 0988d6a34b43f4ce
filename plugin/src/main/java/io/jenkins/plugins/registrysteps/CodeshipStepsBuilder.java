package io.jenkins.plugins.registrysteps;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import java.io.IOException;
import java.util.Objects;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * The freestyle build step "Run Codeship Pro steps": the fields, checks and help of {@link CodeshipStepsStep}, whose
 * run it performs; the build fails when a step fails.
 */
public final class CodeshipStepsBuilder extends Builder implements SimpleBuildStep {

    private final CodeshipStepsStep steps;

    @DataBoundConstructor
    public CodeshipStepsBuilder(CodeshipStepsStep steps) {
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    public CodeshipStepsStep getSteps() {
        return steps;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        steps.run(run, workspace, env, listener);
    }

    /** Offered to every freestyle-like project. */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Run Codeship Pro steps";
        }
    }
}
