package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigValidatorTest {

    private static final String SERVICES = "app:\n  image: busybox\nworker:\n  image: busybox\n";

    @Test
    void unknownServiceListsDefinedOnes() {
        assertThat(Pair.errors(SERVICES, "- name: test\n  service: wroker\n  command: ls\n")).containsExactly(
                "codeship-steps.yml:2:12: error: unknown service \"wroker\" in step \"test\" (did you mean \"worker\"?): "
                        + "codeship-services.yml defines app, worker");
    }

    @Test
    void everyErrorOfBothFilesComesAtOnce() {
        assertThat(Pair.errors("app:\n  image: Busybox\n", """
                - service: nope
                  command: ls
                - type: push
                  service: app
                  image_name: org/app
                  image_tag: "{{ .Brnach }}"
                  tag: "^(master"
                """)).hasSize(4);
    }

    @Test
    void groupServiceForbidsOneOnItsSteps() {
        assertThat(Pair.errors(SERVICES, "- type: serial\n  service: app\n  steps:\n    - service: worker\n      command: ls\n"))
                .containsExactly("codeship-steps.yml:4:16: error: this step is inside a group that already sets service \"app\": "
                        + "a step of such a group names no service of its own; remove it here or from the group");
    }

    @Test
    void serviceAndServicesAreExclusive() {
        assertThat(Pair.errors(SERVICES, "- service: app\n  services: [worker]\n  command: ls\n")).containsExactly(
                "codeship-steps.yml:2:3: error: a step takes \"service\" or \"services\", not both: keep one");
    }

    @Test
    void runStepWithoutServiceIsNamed() {
        assertThat(Pair.errors(SERVICES, "- name: lonely\n  command: ls\n")).containsExactly(
                "codeship-steps.yml:1:3: error: run step \"lonely\" names no service: add \"service: NAME\" (defined: app, worker)");
    }

    @Test
    void invalidRegexIsNamedWithItsReason() {
        assertThat(Pair.errors(SERVICES, "- service: app\n  command: ls\n  tag: ^(master\n")).containsExactly(
                "codeship-steps.yml:3:8: error: tag: invalid regular expression \"^(master\": missing closing )");
    }

    @Test
    void lookaheadIsExplainedAsUnsupportedInGo() {
        assertThat(Pair.errors(SERVICES, "- service: app\n  command: ls\n  exclude: '^(?!v\\d)'\n")).containsExactly(
                "codeship-steps.yml:3:13: error: exclude: invalid regular expression \"^(?!v\\d)\": lookahead and lookbehind "
                        + "are not supported by Go's regular expressions, which Codeship uses");
    }

    @Test
    void templateNamingAnUnknownVariablePointsAtIt() {
        assertThat(Pair.errors(SERVICES, "- service: app\n  type: push\n  image_name: org/app\n  image_tag: \"v-{{ .Brnach }}\"\n"))
                .singleElement().asString()
                .startsWith("codeship-steps.yml:4:20: error: image_tag of push step at line 1: unknown variable .Brnach")
                .contains("did you mean .Branch?");
    }

    @Test
    void repeatedStepNameWarnsAndSaysHowItIsShown() throws ConfigException {
        assertThat(Pair.warnings(SERVICES, "- name: x\n  service: app\n  command: ls\n- name: x\n  service: app\n  command: ls\n"))
                .containsExactly("codeship-steps.yml:4:9: warning: step name \"x\" is used again (first at line 1): this one is "
                        + "shown as \"x #2\" (or higher); rename it to keep names unique");
    }

    @Test
    void upperCaseImageNameOnPushIsRejected() {
        assertThat(Pair.errors(SERVICES, "- service: app\n  type: push\n  image_name: gcr.io/YOUR_PROJECT/app\n")).containsExactly(
                "codeship-steps.yml:3:15: error: image_name of push step at line 1: repository name must be lowercase: "
                        + "\"gcr.io/YOUR_PROJECT/app\" (Docker rejects upper case; write \"gcr.io/your_project/app\")");
    }

    @Test
    void registryThatDiffersFromTheImageHostWarns() throws ConfigException {
        assertThat(Pair.warnings(SERVICES, "- service: app\n  type: push\n  image_name: bovice/discourse\n  registry: quay.io/u/r\n"))
                .containsExactly("codeship-steps.yml:4:13: warning: push step at line 1 pushes to docker.io (from image_name) "
                        + "but registry names quay.io: the image goes to docker.io with the login for quay.io; put the registry "
                        + "host in image_name, as quay.io/bovice/discourse");
    }

    @Test
    void dockerHubUrlMatchesAHubImage() throws ConfigException {
        assertThat(Pair.warnings(SERVICES, "- service: app\n  type: push\n  image_name: u/r\n  registry: https://index.docker.io/v1/\n"))
                .isEmpty();
    }

    @Test
    void encryptedDockercfgWinsOverGeneratorWithAWarning() throws ConfigException {
        assertThat(Pair.warnings(SERVICES, "- service: app\n  command: ls\n  encrypted_dockercfg_path: d.enc\n  dockercfg_service: worker\n"))
                .containsExactly("codeship-steps.yml:4:22: warning: both encrypted_dockercfg_path and dockercfg_service are set "
                        + "on step at line 1: encrypted_dockercfg_path is used");
    }
}
