package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The build context from Jenkins' environment: pure mapping. */
class BuildFactsTest {

    @Test
    void multibranchEnvironmentFillsTheContext() throws Exception {
        BuildContext context = BuildFacts.context(Map.of("BRANCH_NAME", "main", "JOB_NAME", "org/app/main",
                "BUILD_NUMBER", "12", "GIT_COMMIT", "abc123", "GIT_URL", "git@github.com:org/app.git",
                "GIT_COMMITTER_NAME", "Ann", "GIT_AUTHOR_EMAIL", "ann@example.com"), null, 0);
        assertEquals("main", context.branch());
        assertEquals("org/app/main", context.projectId());
        assertEquals("12", context.buildId());
        assertEquals("abc123", context.commitId());
        assertEquals("app", context.repoName());
        assertEquals("Ann", context.committerName());
        assertEquals("ann@example.com", context.committerEmail());
        assertEquals("jenkins", context.ciName());
    }

    @Test
    void tagBuildFiltersOnTheTag() throws Exception {
        BuildContext context = BuildFacts.context(Map.of("BRANCH_NAME", "v1.2.3", "TAG_NAME", "v1.2.3"), null, 0);
        assertEquals("v1.2.3", context.gitTag());
        assertEquals("v1.2.3", context.buildTag());
    }

    @Test
    void stepBranchWinsOverTheBuilds() throws Exception {
        BuildContext context = BuildFacts.context(Map.of("BRANCH_NAME", "main", "TAG_NAME", "v1"), "release", 0);
        assertEquals("release", context.buildTag());
        assertNull(context.gitTag());
    }

    @Test
    void gitPluginBranchLosesItsRemote() {
        assertEquals("feature/x", BuildFacts.remoteless("origin/feature/x"));
        assertEquals("feature/x", BuildFacts.remoteless("refs/remotes/upstream/feature/x"));
        assertEquals("main", BuildFacts.branchOf(Map.of("GIT_BRANCH", "origin/main")));
    }

    @Test
    void noBranchAtAllSaysHowToGiveOne() {
        AbortException e = assertThrows(AbortException.class, () -> BuildFacts.context(Map.of(), null, 0));
        assertTrue(e.getMessage().startsWith("no branch for this build: give the step a branch"), e.getMessage());
    }

    @Test
    void repoNameFromHttpsAndScpUrls() {
        assertEquals("app", BuildFacts.repoName("https://github.com/org/app.git/"));
        assertEquals("app", BuildFacts.repoName("git@github.com:app.git"));
    }
}
