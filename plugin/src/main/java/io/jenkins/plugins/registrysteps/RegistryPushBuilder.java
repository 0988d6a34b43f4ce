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
 * The freestyle build step "Push an image to a registry": the fields, checks and help of {@link RegistryPushStep},
 * whose push it runs; {@code ${VARIABLE}} in the fields is expanded from the build's environment.
 */
public final class RegistryPushBuilder extends Builder implements SimpleBuildStep {

    private final RegistryPushStep push;

    @DataBoundConstructor
    public RegistryPushBuilder(RegistryPushStep push) {
        this.push = Objects.requireNonNull(push, "push");
    }

    public RegistryPushStep getPush() {
        return push;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        push.push(run, workspace, env, listener);
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
            return "Push an image to a registry";
        }
    }
}
