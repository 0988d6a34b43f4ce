package io.jenkins.plugins.registrysteps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.FilePath;
import hudson.model.Label;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import io.jenkins.plugins.registrysteps.engine.registry.ImageSize;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Pipelines that push for real: the engine's rig (a private dockerd and {@code docker-registry} on loopback, as the
 * engine's integration tests use) on an agent of their own. Skipped where the rig cannot start (no Docker packages,
 * not root), as on ci.jenkins.io.
 */
@WithJenkins
class RigPipelineTest {

    private static final String PASSWORD = "rig-push-passw0rd-of-ci";
    private static final String COMMIT = "abcdef0123456789abcdef0123456789abcdef01";

    private static Rig rigOrSkip() {
        try {
            return Rig.get();
        } catch (RuntimeException e) {
            Assumptions.assumeTrue(false, "no Docker rig here: " + e.getMessage());
            throw e;
        }
    }

    private static void addLogin(String id) throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new UsernamePasswordCredentialsImpl(
                CredentialsScope.GLOBAL, id, null, "ci", PASSWORD));
    }

    private static RegistryClient client() throws IOException {
        return RegistryClient.builder().credentials(registry -> Optional.of(new Credential("ci", PASSWORD))).build();
    }

    @Test
    void registryPushSendsTheImageUnderEveryTagReturnsItsDigestAndListsItOnTheBuild(JenkinsRule j) throws Exception {
        Rig rig = rigOrSkip();
        try (RigRegistry registry = rig.registry().name("plugin-push").htpasswd("ci", PASSWORD).start();
                RegistryClient client = client()) {
            rig.docker("tag", rig.baseImage(), "plugin-test/app:1");
            addLogin("rig-login");
            j.createOnlineSlave(Label.get("docker"));
            WorkflowJob p = j.createProject(WorkflowJob.class, "push");
            p.setDefinition(new CpsFlowDefinition("node('docker') {\n"
                    + "  withEnv(['DOCKER_HOST=" + rig.dockerHost() + "', 'GIT_COMMIT=" + COMMIT + "', 'BRANCH_NAME=main']) {\n"
                    + "    def digest = registryPush image: 'plugin-test/app:1', imageName: 'team/app', registry: '"
                    + registry.host() + "', credentialsId: 'rig-login', tags: '1.0 latest'\n"
                    + "    echo \"returned ${digest}\"\n"
                    + "  }\n"
                    + "}", true));
            WorkflowRun b = j.buildAndAssertSuccess(p);

            ImageReference latest = ImageReference.parse(registry.host() + "/team/app:latest");
            String digest = client.manifestDigest(latest).orElseThrow().toString();
            assertEquals(digest, client.manifestDigest(ImageReference.parse(registry.host() + "/team/app:1.0"))
                    .orElseThrow().toString());
            j.assertLogContains("returned " + digest, b);
            j.assertLogNotContains(PASSWORD, b);

            List<PushRecord> pushes = b.getAction(PushedImagesAction.class).getPushes();
            assertEquals(1, pushes.size());
            PushRecord push = pushes.get(0);
            assertEquals(List.of("1.0", "latest"), push.getTags());
            assertEquals(digest, push.getDigest());
            assertEquals(ImageSize.of(client, latest), push.getSize());
            assertEquals(COMMIT, push.getCommit());
            assertEquals("main", push.getBranch());

            HtmlPage page = j.createWebClient().getPage(b, "pushed-images");
            assertTrue(page.asNormalizedText().contains(digest), page.asNormalizedText());
        }
    }

    @Test
    void codeshipStepsRunsTheDemoPipelineAndItsPushesLandWithDigests(JenkinsRule j) throws Exception {
        Rig rig = rigOrSkip();
        Path demo = Path.of("..", "examples", "demo");
        Assumptions.assumeTrue(Files.isDirectory(demo), "the demo example is not beside the plugin: " + demo.toAbsolutePath());
        try (RigRegistry registry = rig.registry().name("plugin-demo").htpasswd("ci", PASSWORD).start();
                RegistryClient client = client()) {
            rig.baseImage();
            addLogin("rig-login");
            NamedRegistry named = new NamedRegistry("rig", registry.host());
            named.setCredentialsId("rig-login");
            NamedRegistries.get().setRegistries(List.of(named));
            DumbSlave agent = j.createOnlineSlave(Label.get("docker"));
            WorkflowJob p = j.createProject(WorkflowJob.class, "demo");
            FilePath workspace = agent.getWorkspaceFor(p);
            workspace.mkdirs();
            new FilePath(demo.toFile()).copyRecursiveTo(workspace);
            FilePath steps = workspace.child("codeship-steps.yml");
            steps.write(steps.readToString().replace("localhost:5000", registry.host()), StandardCharsets.UTF_8.name());
            p.setDefinition(new CpsFlowDefinition("node('docker') {\n"
                    + "  withEnv(['DOCKER_HOST=" + rig.dockerHost() + "', 'GIT_COMMIT=" + COMMIT + "']) {\n"
                    + "    def results = codeshipSteps branch: 'master'\n"
                    + "    echo \"steps: ${results.collect { it.name + '=' + it.status }.join(' ')}\"\n"
                    + "  }\n"
                    + "}", true));
            WorkflowRun b = j.buildAndAssertSuccess(p);

            j.assertLogContains("unit tests passed", b);
            j.assertLogContains("unit=passed", b);
            j.assertLogContains("push latest=passed", b);
            j.assertLogNotContains(PASSWORD, b);
            List<PushRecord> pushes = b.getAction(PushedImagesAction.class).getPushes();
            assertEquals(List.of("push commit image", "push latest"), pushes.stream().map(PushRecord::getStep).toList());
            assertEquals(List.of("master-abcdef01"), pushes.get(0).getTags());
            assertEquals(List.of("latest"), pushes.get(1).getTags());
            for (PushRecord push : pushes) {
                ImageReference pushed = ImageReference.parse(push.getRegistry() + "/" + push.getRepository() + ":"
                        + push.getTags().get(0));
                assertEquals(client.manifestDigest(pushed).orElseThrow().toString(), push.getDigest());
                assertEquals(COMMIT, push.getCommit());
            }
        }
    }
}
