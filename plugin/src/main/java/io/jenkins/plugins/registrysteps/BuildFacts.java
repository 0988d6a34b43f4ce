package io.jenkins.plugins.registrysteps;

import hudson.AbortException;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The build's Codeship context (branch, commit, committer, build ids) read from what Jenkins and its SCM plugins put
 * in the environment: multibranch ({@code BRANCH_NAME}, {@code TAG_NAME}, {@code CHANGE_AUTHOR}) and the git plugin
 * ({@code GIT_COMMIT}, {@code GIT_BRANCH}, {@code GIT_URL}, committer and author).
 */
final class BuildFacts {

    static final String CI_NAME = "jenkins";

    private BuildFacts() {
    }

    /**
     * @param branch the step's {@code branch}, or null for the build's own
     * @param startMillis when the build started; templates' {@code Time}
     */
    static BuildContext context(Map<String, String> env, String branch, long startMillis) throws AbortException {
        String gitTag = branch == null ? blankToNull(env.get("TAG_NAME")) : null;
        String buildBranch = branch != null ? branch : branchOf(env);
        if (buildBranch == null && gitTag == null) {
            throw new AbortException("no branch for this build: give the step a branch, or check out the project with an "
                    + "SCM that sets BRANCH_NAME or GIT_BRANCH (multibranch or the git plugin)");
        }
        return BuildContext.builder()
                .projectId(env.get("JOB_NAME"))
                .buildId(env.get("BUILD_NUMBER"))
                .repoName(repoName(env.get("GIT_URL")))
                .branch(buildBranch)
                .gitTag(gitTag)
                .commitId(env.get("GIT_COMMIT"))
                .committerName(firstOf(env.get("GIT_COMMITTER_NAME"), env.get("GIT_AUTHOR_NAME")))
                .committerEmail(firstOf(env.get("GIT_COMMITTER_EMAIL"), env.get("GIT_AUTHOR_EMAIL")))
                .committerUsername(env.get("CHANGE_AUTHOR"))
                .time(Instant.ofEpochMilli(startMillis).atZone(ZoneOffset.UTC))
                .ciName(CI_NAME)
                .build();
    }

    /** The branch the SCM checked out, or null: multibranch's, else the git plugin's. */
    static String branchOf(Map<String, String> env) {
        return firstOf(env.get("BRANCH_NAME"), env.get("GIT_LOCAL_BRANCH"), remoteless(env.get("GIT_BRANCH")));
    }

    /** {@code https://host/org/app.git} and {@code git@host:org/app.git} are both {@code app}. */
    static String repoName(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String path = url.strip().replaceAll("/+$", "");
        String last = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
        return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }

    /** The git plugin's {@code origin/feature/x} is the branch {@code feature/x}. */
    static String remoteless(String gitBranch) {
        if (gitBranch == null || gitBranch.isBlank()) {
            return null;
        }
        String branch = gitBranch.strip();
        if (branch.startsWith("refs/remotes/")) {
            branch = branch.substring("refs/remotes/".length());
            return branch.substring(branch.indexOf('/') + 1);
        }
        return branch.startsWith("origin/") ? branch.substring("origin/".length()) : branch;
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
