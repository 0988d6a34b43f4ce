package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Randomly damaged files never crash the loader: they load, or fail with positioned errors. */
class MutatedInputTest {

    private static final String SERVICES = """
            base: &base
              cached: true
              environment:
                A: "1"
            app:
              <<: *base
              build:
                image: org/app
                dockerfile: Dockerfile
                args: {X: 18.04}
              volumes: [./a:/a]
            """;
    private static final String STEPS = """
            - name: tests
              type: parallel
              tag: '^(master|dev)$'
              steps:
                - service: app
                  command: sh -c "make test"
                - type: serial
                  services: [app]
                  steps:
                    - command: ls
            - service: app
              type: push
              image_name: quay.io/o/app
              image_tag: "{{ .Branch }}-{{ printf \\"%.8s\\" .CommitID }}"
              registry: quay.io
            """;

    @Test
    @Timeout(60)
    void damagedFilesLoadOrFailWithPositionedErrors() {
        Random random = new Random(20260131);
        byte[] services = SERVICES.getBytes(StandardCharsets.UTF_8);
        byte[] steps = STEPS.getBytes(StandardCharsets.UTF_8);
        int failed = 0;
        for (int i = 0; i < 3_000; i++) {
            boolean damageSteps = random.nextBoolean();
            byte[] damaged = mutate(damageSteps ? steps : services, random);
            try {
                ConfigLoader.parse("s.yml", damageSteps ? services : damaged, "t.yml", damageSteps ? damaged : steps);
            } catch (ConfigException e) {
                failed++;
                assertThat(e.diagnostics()).filteredOn(Diagnostic::isError).isNotEmpty()
                        .allSatisfy(d -> assertThat(d.position().line()).isPositive());
            }
        }
        assertThat(failed).as("most damage is noticed").isGreaterThan(300);
    }

    private static final String SPECIAL = " :-[]{}&*<>|'\"#\t\n!%@`x0";

    private static byte[] mutate(byte[] input, Random random) {
        byte[] out = input.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) SPECIAL.charAt(random.nextInt(SPECIAL.length()));
                case 1 -> out = java.util.Arrays.copyOf(out, Math.max(1, at));
                case 2 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = (byte) "\n  - : {{".charAt(random.nextInt(9));
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default -> out[at] = (byte) random.nextInt(256);
            }
        }
        return out;
    }
}
