package io.jenkins.plugins.registrysteps.cli;

import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The build a plan or run is for: read from git, each value overridable. */
final class BuildOptions {

    @Option(names = "--branch", paramLabel = "BRANCH", description = "branch being built (default: git's current branch)")
    String branch;

    @Option(names = "--git-tag", paramLabel = "TAG", description = "git tag being built; filters then match the tag")
    String gitTag;

    @Option(names = "--commit", paramLabel = "SHA", description = "commit id (default: git's HEAD)")
    String commit;

    @Option(names = "--build-id", paramLabel = "ID", description = "build id for templates (default: local)")
    String buildId = "local";

    @Option(names = "--project-id", paramLabel = "ID", description = "project id for templates (default: the repository name)")
    String projectId;

    @Option(names = "--time", paramLabel = "ISO-8601",
            description = "build time for templates, e.g. 2026-01-31T12:00:00Z (default: now)")
    String time;

    BuildContext context(Path folder, picocli.CommandLine commandLine) {
        GitInfo git = new GitInfo(folder);
        String tag = gitTag != null ? gitTag : (branch == null ? git.exactTag().orElse(null) : null);
        // building a tag: Branch is the tag, as on Codeship, unless named
        String effectiveBranch = branch != null ? branch : gitTag != null ? null : git.branch().orElse(null);
        if (effectiveBranch == null && tag == null) {
            throw new ParameterException(commandLine, "no branch: name it with --branch (or --git-tag); "
                    + "the folder is not on a git branch");
        }
        String repo = git.repoName().orElse(folder.getFileName() == null ? "" : folder.getFileName().toString());
        String email = git.log("%ce").orElse("");
        return BuildContext.builder()
                .branch(effectiveBranch)
                .gitTag(tag)
                .commitId(commit != null ? commit : git.commit().orElse(""))
                .commitMessage(git.log("%B").orElse(""))
                .commitDescription(git.description().orElse(""))
                .committerName(git.log("%cn").orElse(""))
                .committerEmail(email)
                .committerUsername(email.contains("@") ? email.substring(0, email.indexOf('@')) : email)
                .repoName(repo)
                .projectId(projectId != null ? projectId : repo)
                .buildId(buildId)
                .time(buildTime(commandLine))
                .build();
    }

    private ZonedDateTime buildTime(picocli.CommandLine commandLine) {
        if (time == null) {
            return ZonedDateTime.now();
        }
        try {
            return ZonedDateTime.parse(time);
        } catch (DateTimeParseException e) {
            throw new ParameterException(commandLine, "--time " + time + " is not an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }
}
