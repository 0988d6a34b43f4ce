package io.jenkins.plugins.registrysteps;

import hudson.model.FreeStyleProject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle builders and the global named registries save and reload through their forms unchanged. */
@WithJenkins
class ConfigRoundTripTest {

    @Test
    void freestyleBuildersSaveAndReload(JenkinsRule j) throws Exception {
        RegistryPushStep push = new RegistryPushStep("app");
        push.setTag("{{ .Branch }}");
        push.setTags("latest\nstable");
        push.setRegistry("localhost:5000");
        push.setImageName("acme/app");
        push.setCmd("node server.js");
        push.setPorts("8080 53/udp");
        push.setEnv("NODE_ENV=production");
        push.setLabels("team=a");
        CodeshipStepsStep steps = new CodeshipStepsStep();
        steps.setServices("ci/codeship-services.yml");
        steps.setSteps("ci/codeship-steps.yml");
        steps.setBranch("main");
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(new CodeshipStepsBuilder(steps));
        p.getBuildersList().add(new RegistryPushBuilder(push));
        j.configRoundtrip(p);
        j.assertEqualDataBoundBeans(new CodeshipStepsBuilder(steps), p.getBuildersList().get(CodeshipStepsBuilder.class));
        j.assertEqualDataBoundBeans(new RegistryPushBuilder(push), p.getBuildersList().get(RegistryPushBuilder.class));
    }

    @Test
    void namedRegistriesSaveAndReload(JenkinsRule j) throws Exception {
        NamedRegistry azure = new NamedRegistry("azure-demo", "demo.azurecr.io");
        azure.setPrefix("team-a");
        azure.setPrimary(true);
        NamedRegistry local = new NamedRegistry("local", "localhost:5000");
        NamedRegistries.get().setRegistries(List.of(azure, local));
        j.configRoundtrip();
        List<NamedRegistry> saved = NamedRegistries.get().getRegistries();
        j.assertEqualDataBoundBeans(azure, saved.get(0));
        j.assertEqualDataBoundBeans(local, saved.get(1));
    }
}
