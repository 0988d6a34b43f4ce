package io.jenkins.plugins.registrysteps.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.config.ConfigException;
import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.Pair;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static final String SERVICES = "app:\n  image: busybox\nfoo:\n  image: busybox\nbar:\n  image: busybox\n";
    private static final ZonedDateTime TIME = ZonedDateTime.parse("2026-01-31T12:34:56Z");

    private static Plan plan(String steps, String branch) throws ConfigException {
        return Planner.plan(Pair.load(SERVICES, steps), BuildContext.builder().branch(branch).commitId("0123456789abcdef")
                .time(TIME).build());
    }

    private static Plan planTag(String steps, String gitTag) throws ConfigException {
        return Planner.plan(Pair.load(SERVICES, steps), BuildContext.builder().gitTag(gitTag).time(TIME).build());
    }

    /** Leaf names in run order, groups flattened. */
    private static List<String> leaves(List<PlanStep> steps) {
        List<String> names = new ArrayList<>();
        for (PlanStep step : steps) {
            if (step instanceof StepGroup group) {
                names.addAll(leaves(group.steps()));
            } else {
                names.add(step.name());
            }
        }
        return names;
    }

    @Test
    void standInRegistryTakesThePushesOfTheRegistryItReplacesOnly() throws Exception {
        Plan plan = plan("""
                - type: parallel
                  steps:
                    - service: app
                      type: push
                      image_name: localhost:5000/demo/app
                      image_tag: "{{ .Branch }}"
                      registry: localhost:5000
                    - service: app
                      type: push
                      image_name: quay.io/team/app
                """, "master").withRegistry("localhost:5000", "127.0.0.1:41000");
        List<PlanStep> pushes = ((StepGroup) plan.steps().get(0)).steps();
        assertThat(((PushStep) pushes.get(0)).image().toString()).isEqualTo("127.0.0.1:41000/demo/app:master");
        assertThat(((PushStep) pushes.get(0)).registry()).isEqualTo("127.0.0.1:41000");
        assertThat(((PushStep) pushes.get(1)).image().toString()).isEqualTo("quay.io/team/app:latest");
    }

    @Test
    void plainTagRunsOnlyOnThatBranch() throws ConfigException {
        String steps = "- name: a\n  service: app\n  command: ls\n  tag: master\n";
        assertThat(leaves(plan(steps, "master").steps())).containsExactly("a");
        assertThat(plan(steps, "master-rebase").steps()).isEmpty();
    }

    @Test
    void excludeWinsOverTag() throws ConfigException {
        String steps = "- name: a\n  service: app\n  command: ls\n  tag: ^ma\n  exclude: master\n";
        assertThat(plan(steps, "master").steps()).isEmpty();
        assertThat(leaves(plan(steps, "main").steps())).containsExactly("a");
    }

    @Test
    void groupFilterCoversItsStepsAndChildrenNarrowIt() throws ConfigException {
        String steps = """
                - name: deploy
                  type: serial
                  tag: "^(dev|master)$"
                  steps:
                    - name: staging
                      tag: dev
                      service: app
                      command: deploy staging
                    - name: production
                      tag: master
                      service: app
                      command: deploy production
                """;
        assertThat(leaves(plan(steps, "dev").steps())).containsExactly("staging");
        assertThat(leaves(plan(steps, "master").steps())).containsExactly("production");
        assertThat(plan(steps, "feature").steps()).isEmpty();
    }

    @Test
    void gitTagIsTheBuildTagWhenBuildingATag() throws ConfigException {
        String steps = "- name: release\n  service: app\n  command: ls\n  tag: '^v\\d+'\n";
        assertThat(leaves(planTag(steps, "v1.2.3").steps())).containsExactly("release");
    }

    @Test
    void emptyGroupsAreLeftOut() throws ConfigException {
        String steps = "- name: g\n  type: parallel\n  steps:\n    - service: app\n      command: ls\n      tag: master\n";
        assertThat(plan(steps, "develop").steps()).isEmpty();
    }

    @Test
    void groupServiceIsHandedDown() throws ConfigException {
        Plan plan = plan("- type: serial\n  service: foo\n  steps:\n    - name: a\n      command: ls\n", "master");
        RunStep run = (RunStep) ((StepGroup) plan.steps().get(0)).steps().get(0);
        assertThat(run.service()).isEqualTo("foo");
    }

    @Test
    void servicesOnAParallelGroupRunASerialChainPerService() throws ConfigException {
        Plan plan = plan("- type: parallel\n  services: [foo, bar]\n  steps:\n  - command: echo one\n  - command: echo two\n",
                "master");
        StepGroup group = (StepGroup) plan.steps().get(0);
        assertThat(group.parallel()).isTrue();
        assertThat(group.steps()).hasSize(2).allSatisfy(chain -> assertThat(((StepGroup) chain).parallel()).isFalse());
        assertThat(leaves(group.steps())).containsExactly("foo: echo one", "foo: echo two", "bar: echo one", "bar: echo two");
    }

    @Test
    void servicesOnASerialGroupRunEachStepOnAllServicesAtOnce() throws ConfigException {
        Plan plan = plan("- type: serial\n  services: [foo, bar]\n  steps:\n  - command: echo one\n  - command: echo two\n",
                "master");
        StepGroup group = (StepGroup) plan.steps().get(0);
        assertThat(group.parallel()).isFalse();
        assertThat(group.steps()).hasSize(2).allSatisfy(step -> assertThat(((StepGroup) step).parallel()).isTrue());
        assertThat(leaves(group.steps())).containsExactly("foo: echo one", "bar: echo one", "foo: echo two", "bar: echo two");
    }

    @Test
    void namedStepsFannedOutGetTheServiceInTheirName() throws ConfigException {
        Plan plan = plan("- services: [foo, bar]\n  name: check\n  command: ls\n", "master");
        assertThat(leaves(plan.steps())).containsExactly("check (foo)", "check (bar)");
    }

    @Test
    void generatedNamesNeverRepeat() throws ConfigException {
        Plan plan = plan("- service: app\n  command: ls\n- service: app\n  command: ls\n- name: 'app: ls #2'\n  service: app\n"
                + "  command: pwd\n", "master");
        assertThat(leaves(plan.steps())).containsExactly("app: ls", "app: ls #3", "app: ls #2");
    }

    @Test
    void repeatedUserNamesAreNumberedInThePlan() throws ConfigException {
        Plan plan = plan("- name: Build\n  service: app\n  command: a\n- name: Build\n  service: app\n  command: b\n", "master");
        assertThat(leaves(plan.steps())).containsExactly("Build", "Build #2");
    }

    @Test
    void pushWithoutImageTagPushesLatest() throws ConfigException {
        PushStep push = (PushStep) plan("- service: app\n  type: push\n  image_name: org/app\n", "master").steps().get(0);
        assertThat(push.image().toString()).isEqualTo("docker.io/org/app:latest");
        assertThat(push.registry()).isEqualTo("docker.io");
    }

    @Test
    void tagInImageNameIsUsedWithoutImageTag() throws ConfigException {
        PushStep push = (PushStep) plan("- service: app\n  type: push\n  image_name: quay.io/o/app:stable\n", "master")
                .steps().get(0);
        assertThat(push.image().tag()).isEqualTo("stable");
    }

    @Test
    void imageTagTemplateIsRenderedAndSanitised() throws ConfigException {
        PushStep push = (PushStep) plan("- service: app\n  type: push\n  image_name: quay.io/o/app\n  registry: quay.io\n"
                + "  image_tag: \"{{ .Branch }}-{{ printf \\\"%.8s\\\" .CommitID }}\"\n", "feature/login").steps().get(0);
        assertThat(push.image().tag()).isEqualTo("featurelogin-01234567");
    }

    @Test
    void templateRenderingToNothingNamesTheStep() {
        assertThatThrownBy(() -> plan("- name: ship\n  service: app\n  type: push\n  image_name: o/app\n"
                + "  image_tag: \"{{ .CommitMessage }}\"\n", "master"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("codeship-steps.yml:5:15: error: image_tag of push step \"ship\" for build tag \"master\": ");
    }

    @Test
    void registryListSendsThePushToEachNamedRegistryOrHost() throws ConfigException {
        PushStep push = (PushStep) plan("- service: app\n  type: push\n  image_name: acme/app\n  image_tag: \"{{ .Branch }}\"\n"
                + "  registry: [dockerhub, https://quay.io/, 'localhost:5000']\n", "main").steps().get(0);
        assertThat(push.pushTo()).containsExactly("dockerhub", "quay.io", "localhost:5000");
        assertThat(push.image().toString()).isEqualTo("docker.io/acme/app:main");
        // one value stays Codeship's: the registry the push logs in to
        PushStep single = (PushStep) plan("- service: app\n  type: push\n  image_name: quay.io/acme/app\n  registry: quay.io\n",
                "main").steps().get(0);
        assertThat(single.pushTo()).isEmpty();
        assertThat(single.registry()).isEqualTo("quay.io");
    }

    @Test
    void anEmptyRegistryListIsAnError() {
        assertThatThrownBy(() -> plan("- service: app\n  type: push\n  image_name: acme/app\n  registry: []\n", "main"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("codeship-steps.yml:4:3: error: \"registry\" lists no registry");
    }

    @Test
    void registryUrlIsReducedToItsHost() throws ConfigException {
        PushStep push = (PushStep) plan("- service: app\n  type: push\n  image_name: u/app\n  registry: https://index.docker.io/v1/\n",
                "master").steps().get(0);
        assertThat(push.registry()).isEqualTo("docker.io");
    }

    @Test
    void groupLoginIsInheritedAndAStepsOwnWins() throws ConfigException {
        Plan plan = plan("""
                - type: serial
                  encrypted_dockercfg_path: group.encrypted
                  steps:
                    - name: a
                      service: app
                      command: ls
                    - name: b
                      service: app
                      command: ls
                      dockercfg_service: foo
                """, "master");
        StepGroup group = (StepGroup) plan.steps().get(0);
        assertThat(((RunStep) group.steps().get(0)).login().encryptedDockercfgPath().value()).isEqualTo("group.encrypted");
        assertThat(((RunStep) group.steps().get(1)).login().dockercfgService().value()).isEqualTo("foo");
    }

    @Test
    void registryContextsAreInheritedWithTheDockercfgAndAStepsOwnWin() throws ConfigException {
        Plan plan = plan("""
                - type: serial
                  encrypted_dockercfg_path: group.encrypted
                  registry_contexts:
                    - second-dockerhub
                    - production-azure
                  steps:
                    - name: a
                      service: app
                      command: ls
                    - name: b
                      service: app
                      command: ls
                      registry_context: staging-gcr
                """, "master");
        StepGroup group = (StepGroup) plan.steps().get(0);
        LoginSource a = ((RunStep) group.steps().get(0)).login();
        LoginSource b = ((RunStep) group.steps().get(1)).login();
        assertThat(a.registryContexts()).extracting(Located::value).containsExactly("second-dockerhub", "production-azure");
        assertThat(b.registryContexts()).extracting(Located::value).containsExactly("staging-gcr");
        assertThat(b.encryptedDockercfgPath().value()).isEqualTo("group.encrypted");
    }

    @Test
    void registryContextAndContextsTogetherAreAnError() {
        assertThatThrownBy(() -> plan("""
                - name: a
                  service: app
                  command: ls
                  registry_context: one
                  registry_contexts: [two]
                """, "master"))
                .hasMessage("codeship-steps.yml:5:3: error: a step takes \"registry_context\" or \"registry_contexts\", not both: "
                        + "keep one");
    }
}
