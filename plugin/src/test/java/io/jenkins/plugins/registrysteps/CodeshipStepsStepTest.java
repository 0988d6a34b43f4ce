package io.jenkins.plugins.registrysteps;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CodeshipStepsStepTest {

    @Test
    void snippetRoundTrip(JenkinsRule j) throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        CodeshipStepsStep step = new CodeshipStepsStep();
        st.assertRoundTrip(step, "codeshipSteps()");
        step.setBranch("main");
        st.assertRoundTrip(step, "codeshipSteps branch: 'main'");
        step.setServices("ci/services.yml");
        step.setKeyCredentialsId("codeship-aes");
        step.setRegistries("local");
        st.assertRoundTrip(step, "codeshipSteps branch: 'main', keyCredentialsId: 'codeship-aes', registries: 'local', "
                + "services: 'ci/services.yml'");
    }

    /** Runs on a real agent, so the callable and its results cross the remoting channel. */
    @Test
    void invalidStepsFailOnTheAgentNamingFileAndLine(JenkinsRule j) throws Exception {
        j.createOnlineSlave(Label.get("remote"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("node('remote') {\n"
                + "  writeFile file: 'codeship-services.yml', text: 'app:\\n  image: busybox\\n'\n"
                + "  writeFile file: 'codeship-steps.yml', text: '- service: nope\\n  command: \"true\"\\n'\n"
                + "  codeshipSteps branch: 'main'\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("codeship-steps.yml:1:", b);
        j.assertLogContains("nope", b);
    }

    @Test
    void missingFilesFailTheFreestyleBuildSayingWhatWasLookedFor(JenkinsRule j) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        CodeshipStepsStep steps = new CodeshipStepsStep();
        steps.setBranch("main");
        p.getBuildersList().add(new CodeshipStepsBuilder(steps));
        FreeStyleBuild b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("no services file in", b);
    }
}
