package io.jenkins.plugins.registrysteps.engine.template;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** The build every specification renders against. */
final class Templates {
    static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    static final ZonedDateTime BUILD_TIME = ZonedDateTime.of(2024, 3, 5, 14, 7, 9, 0, ZoneOffset.UTC);

    private Templates() {
    }

    static TemplateData.Builder build() {
        return TemplateData.builder()
                .projectId("proj-1").buildId("build-42").repoName("acme/app").branch("feature/foo")
                .commitId(COMMIT).commitMessage("Fix it").committerName("Ada").committerEmail("ada@example.com")
                .committerUsername("ada").time(BUILD_TIME).stepName("push").serviceName("app")
                .imageName("acme/app");
    }

    static String render(String template) throws TemplateException {
        return ImageTagTemplate.parse(template).render(build().build());
    }

    static String render(String template, TemplateData data) throws TemplateException {
        return ImageTagTemplate.parse(template).render(data);
    }
}
