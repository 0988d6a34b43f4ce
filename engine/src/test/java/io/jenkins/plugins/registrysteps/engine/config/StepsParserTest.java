package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StepsParserTest {

    private static final String SERVICES = "app:\n  image: busybox\ndb:\n  image: busybox\n";

    private static List<StepSpec> steps(String steps) throws ConfigException {
        return Pair.load(SERVICES, steps).steps().steps();
    }

    @Test
    void commandTrueStaysTheTextTrue() throws ConfigException {
        StepSpec step = steps("- service: app\n  command: true\n").get(0);
        assertThat(step.kind()).isEqualTo(StepSpec.Kind.RUN);
        assertThat(step.command().args()).containsExactly("true");
    }

    @Test
    void unquotedFloatImageTagKeepsItsText() throws ConfigException {
        StepSpec push = steps("- service: app\n  type: push\n  image_name: org/app\n  image_tag: 9.50\n").get(0);
        assertThat(push.imageTag().value()).isEqualTo("9.50");
    }

    @Test
    void groupWithoutTypeIsSerial() throws ConfigException {
        StepSpec group = steps("- name: g\n  steps:\n    - service: app\n      command: ls\n").get(0);
        assertThat(group.kind()).isEqualTo(StepSpec.Kind.SERIAL);
        assertThat(group.steps()).hasSize(1);
    }

    @Test
    void groupsNestToAnyDepth() throws ConfigException {
        String steps = "- service: app\n  command: ls\n";
        for (int i = 0; i < 20; i++) {
            steps = "- type: " + (i % 2 == 0 ? "parallel" : "serial") + "\n  steps:\n" + steps.indent(4);
        }
        StepSpec step = steps(steps).get(0);
        int depth = 0;
        while (step.kind().isGroup()) {
            step = step.steps().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(20);
    }

    @Test
    void foldedAndMultiLineCommandsAreSplitWithoutAShell() throws ConfigException {
        StepSpec step = steps("""
                - service: app
                  command: >-
                    bash -c "make &&
                      make install"
                """).get(0);
        assertThat(step.command().args()).containsExactly("bash", "-c", "make &&\n  make install");
    }

    @Test
    void shellOperatorsStayLiteralArguments() throws ConfigException {
        StepSpec step = steps("- service: app\n  command: echo 'a b' && ls | wc > out\n").get(0);
        assertThat(step.command().args()).containsExactly("echo", "a b", "&&", "ls", "|", "wc", ">", "out");
    }

    @Test
    void flowSequenceOfServicesFansOut() throws ConfigException {
        StepSpec step = steps("- type: parallel\n  services: [app, db]\n  steps:\n    - command: ls\n").get(0);
        assertThat(step.services()).extracting(Located::value).containsExactly("app", "db");
    }

    @Test
    void pushWithoutImageNameSaysWhatToAdd() {
        assertThat(Pair.errors(SERVICES, "- name: ship\n  service: app\n  type: push\n")).containsExactly(
                "codeship-steps.yml:1:3: error: push step \"ship\" has no \"image_name\": name the image to push, "
                        + "as [registry/][owner/]name");
    }

    @Test
    void unknownTypeSuggestsTheClosest() {
        assertThat(Pair.errors(SERVICES, "- type: paralel\n  steps:\n    - service: app\n      command: ls\n")).containsExactly(
                "codeship-steps.yml:1:9: error: unknown step type \"paralel\" (did you mean \"parallel\"?): "
                        + "use push, serial or parallel, or leave type out for a run step");
    }

    @Test
    void stepWithoutCommandTypeOrStepsIsExplained() {
        assertThat(Pair.errors(SERVICES, "- service: app\n  name: nothing\n")).containsExactly(
                "codeship-steps.yml:1:3: error: a step needs \"command\" (run), \"type: push\", or \"steps\" (a group)");
    }

    @Test
    void serviceKeyOnAStepSaysItBelongsToTheService() {
        assertThat(Pair.errors(SERVICES, "- service: app\n  command: ls\n  environment:\n    A: 1\n")).containsExactly(
                "codeship-steps.yml:3:3: error: \"environment\" does not belong in step: it is a service key: "
                        + "set it on the service in the services file");
    }

    @Test
    void pushKeysOnARunStepWarn() throws ConfigException {
        assertThat(Pair.warnings(SERVICES, "- service: app\n  command: ls\n  image_name: org/app\n")).containsExactly(
                "codeship-steps.yml:3:3: warning: \"image_name\" has no effect on a run step (it has a command): "
                        + "remove it, or make the step \"type: push\" without a command");
    }

    @Test
    void stepsFileMustBeAList() {
        assertThat(Pair.errors(SERVICES, "service: app\ncommand: ls\n")).containsExactly(
                "codeship-steps.yml:1:1: error: the steps file must be a list of steps (each starting with \"- \"), not a mapping");
    }
}
