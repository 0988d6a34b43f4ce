package io.jenkins.plugins.registrysteps.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TemplateDataTest {

    @Test
    void variablesAreCodeshipsEighteenInOrder() {
        assertThat(TemplateData.VARIABLES).containsExactly("ProjectID", "BuildID", "RepoName", "Branch", "CommitID",
                "CommitMessage", "CommitDescription", "CommitterName", "CommitterEmail", "CommitterUsername", "Time",
                "Timestamp", "StringTime", "StepName", "ServiceName", "ImageName", "Ci", "CiName");
    }

    @Test
    void everyVariableRenders() throws Exception {
        StringBuilder template = new StringBuilder();
        for (String variable : TemplateData.VARIABLES) {
            template.append("{{printf \"%T\" .").append(variable).append("}} ");
        }
        assertThat(Templates.render(template.toString())).isEqualTo("string ".repeat(10)
                + "time.Time int64 " + "string ".repeat(6));
    }
}
