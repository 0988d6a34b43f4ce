package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.FreeStyleBuild;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.registrysteps.engine.auth.LoginSpec;
import io.jenkins.plugins.registrysteps.engine.auth.SuppliedLogins;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.net.ServerSocket;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class RegistryPushStepTest {

    private static final String PASSWORD = "s3cret-passw0rd-for-ci";

    @Test
    void snippetRoundTrip(JenkinsRule j) throws Exception {
        SnippetizerTester st = new SnippetizerTester(j);
        RegistryPushStep step = new RegistryPushStep("app");
        st.assertRoundTrip(step, "registryPush 'app'");
        step.setTag("1.2.3");
        step.setRegistry("localhost:5000");
        step.setCredentialsId("login");
        st.assertRoundTrip(step, "registryPush credentialsId: 'login', image: 'app', registry: 'localhost:5000', tag: '1.2.3'");
        step.setCandidate("localhost:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        step.setPorts("8080");
        st.assertRoundTrip(step, "registryPush candidate: 'localhost:5000/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', "
                + "credentialsId: 'login', image: 'app', ports: '8080', registry: 'localhost:5000', tag: '1.2.3'");
    }

    @Test
    void usernamePasswordResolvesToALoginForTheRegistry(JenkinsRule j) throws Exception {
        addLogin();
        FreeStyleBuild build = j.buildAndAssertSuccess(j.createFreeStyleProject());
        SuppliedLogins logins = CredentialLookup.logins(build, "login", "localhost:5000");
        assertEquals(new LoginSpec.Fixed(new Credential("ci", PASSWORD)), logins.forRegistry("localhost:5000").orElseThrow());
    }

    @Test
    void failedPushNamesTheProblemAndNeverPrintsThePassword(JenkinsRule j) throws Exception {
        addLogin();
        String registry = "127.0.0.1:" + closedPort();
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("node { registryPush image: 'app', candidate: '" + registry + "/src:1', "
                + "registry: '" + registry + "', credentialsId: 'login', tag: '2' }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("registryPush: ", b);
        j.assertLogNotContains(PASSWORD, b);
    }

    @Test
    void secretTextThatIsNoDockerConfigIsRejectedWithoutShowingIt(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "token", null, Secret.fromString("plain-token-value")));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(
                "node { registryPush image: 'app', registry: 'localhost:5000', credentialsId: 'token' }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("Failed to parse dockercfg: ", b);
        j.assertLogContains("of credentials 'token' (nor is it a Google service-account key)", b);
        j.assertLogNotContains("plain-token-value", b);
    }

    @Test
    void unknownCredentialsAreNamed(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(
                "node { registryPush image: 'app', registry: 'localhost:5000', credentialsId: 'missing' }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("no credentials 'missing' for a registry login of localhost:5000", b);
    }

    private static void addLogin() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, "login", null, "ci", PASSWORD));
    }

    /** A loopback port nothing listens on: connections to it are refused at once. */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
