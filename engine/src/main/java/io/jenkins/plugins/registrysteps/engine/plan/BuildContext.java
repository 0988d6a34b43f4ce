package io.jenkins.plugins.registrysteps.engine.plan;

import io.jenkins.plugins.registrysteps.engine.template.TemplateData;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * What is known about the build a plan is made for: the values of Codeship's build environment and image_tag
 * templates. The build tag that filters match is the git tag when building a tag, else the branch.
 */
public record BuildContext(
        String projectId,
        String buildId,
        String repoName,
        String branch,
        String gitTag,
        String commitId,
        String commitMessage,
        String commitDescription,
        String committerName,
        String committerEmail,
        String committerUsername,
        ZonedDateTime time,
        String ciName) {

    public BuildContext {
        Objects.requireNonNull(time, "time");
        if (isBlank(branch) && isBlank(gitTag)) {
            throw new IllegalArgumentException("a build needs a branch or a git tag");
        }
        projectId = orEmpty(projectId);
        buildId = orEmpty(buildId);
        repoName = orEmpty(repoName);
        branch = isBlank(branch) ? gitTag : branch;
        gitTag = isBlank(gitTag) ? null : gitTag;
        commitId = orEmpty(commitId);
        commitMessage = orEmpty(commitMessage);
        commitDescription = orEmpty(commitDescription);
        committerName = orEmpty(committerName);
        committerEmail = orEmpty(committerEmail);
        committerUsername = orEmpty(committerUsername);
        ciName = isBlank(ciName) ? "codeship" : ciName;
    }

    /** What {@code tag:} and {@code exclude:} are matched against. */
    public String buildTag() {
        return gitTag != null ? gitTag : branch;
    }

    /**
     * The variables of {@code image_tag} templates that come from the build; the caller adds the step's own
     * (StepName, ServiceName, ImageName).
     */
    public TemplateData.Builder templateData() {
        return TemplateData.builder()
                .projectId(projectId)
                .buildId(buildId)
                .repoName(repoName)
                .branch(branch)
                .commitId(commitId)
                .commitMessage(commitMessage)
                .commitDescription(commitDescription)
                .committerName(committerName)
                .committerEmail(committerEmail)
                .committerUsername(committerUsername)
                .time(time)
                .ciName(ciName);
    }

    public static Builder builder() {
        return new Builder();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Builds a context field by field; unset text fields are empty, the time is now. */
    public static final class Builder {
        private String projectId;
        private String buildId;
        private String repoName;
        private String branch;
        private String gitTag;
        private String commitId;
        private String commitMessage;
        private String commitDescription;
        private String committerName;
        private String committerEmail;
        private String committerUsername;
        private ZonedDateTime time = ZonedDateTime.now();
        private String ciName;

        public Builder projectId(String value) { projectId = value; return this; }
        public Builder buildId(String value) { buildId = value; return this; }
        public Builder repoName(String value) { repoName = value; return this; }
        public Builder branch(String value) { branch = value; return this; }
        public Builder gitTag(String value) { gitTag = value; return this; }
        public Builder commitId(String value) { commitId = value; return this; }
        public Builder commitMessage(String value) { commitMessage = value; return this; }
        public Builder commitDescription(String value) { commitDescription = value; return this; }
        public Builder committerName(String value) { committerName = value; return this; }
        public Builder committerEmail(String value) { committerEmail = value; return this; }
        public Builder committerUsername(String value) { committerUsername = value; return this; }
        public Builder time(ZonedDateTime value) { time = value; return this; }
        public Builder ciName(String value) { ciName = value; return this; }

        public BuildContext build() {
            return new BuildContext(projectId, buildId, repoName, branch, gitTag, commitId, commitMessage, commitDescription,
                    committerName, committerEmail, committerUsername, time, ciName);
        }
    }
}
