package io.jenkins.plugins.registrysteps.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.config.Service;
import io.jenkins.plugins.registrysteps.engine.crypt.CryptException;
import io.jenkins.plugins.registrysteps.engine.crypt.JetCipher;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.crypt.KeySource;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.plan.RunStep;
import io.jenkins.plugins.registrysteps.engine.plan.StepGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepEnvironmentTest {

    @TempDir
    Path project;

    private final JetKey key = JetKey.generate();
    private final BuildContext context = BuildContext.builder().branch("master").time(ZonedDateTime.now()).build();

    @BeforeEach
    void files() throws Exception {
        Files.writeString(project.resolve("plain.env"), "WHO=env_file\nPLAIN_FILE=yes\n");
        encrypt("service.env.encrypted", "WHO=encrypted_env_file\nSERVICE_SECRET=s3rvice\n");
        encrypt("step.env.encrypted", "WHO=step encrypted_env_file\nSTEP_SECRET=st3p\n");
    }

    private void encrypt(String file, String text) throws Exception {
        Files.write(project.resolve(file), JetCipher.encrypt(key, text.getBytes(StandardCharsets.UTF_8)));
    }

    private String inline(String text) {
        return new String(JetCipher.encrypt(key, text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII)
                .replace("\n", " ");
    }

    /** The environment of the only step, with the services and steps given. */
    private Map<String, String> environment(String services, String steps, RunOptions options) throws Exception {
        Files.writeString(project.resolve("codeship-services.yml"), services);
        Files.writeString(project.resolve("codeship-steps.yml"), steps);
        CodeshipConfig config = ConfigLoader.load(project, null, null);
        PlanStep first = Planner.plan(config, context).steps().get(0);
        RunStep step = (RunStep) (first instanceof StepGroup group ? group.steps().get(0) : first);
        Service service = config.services().service(step.service()).orElseThrow();
        return StepEnvironment.of(context, service, step.encryptedEnvFiles(), project, options);
    }

    private RunOptions withKey() {
        return new RunOptions(1, null, Map.of()).withKey(KeySource.of(key));
    }

    @Test
    void laterSourcesWinPlainBeforeEncryptedInlineBeforeFilesServiceBeforeStep() throws Exception {
        String services = """
                app:
                  image: busybox
                  environment:
                    WHO: environment
                    CI_BRANCH: overridden
                  env_file: plain.env
                  encrypted_environment:
                    - "%s"
                  encrypted_env_file: service.env.encrypted
                """.formatted(inline("WHO=encrypted_environment\nINLINE_SECRET=inl1ne\n"));
        String step = "- service: app\n  command: env\n";
        Map<String, String> env = environment(services, step, withKey());
        assertThat(env).containsEntry("WHO", "encrypted_env_file").containsEntry("CI_BRANCH", "overridden")
                .containsEntry("PLAIN_FILE", "yes").containsEntry("INLINE_SECRET", "inl1ne").containsEntry("SERVICE_SECRET", "s3rvice");
        Map<String, String> withStep = environment(services, step + "  encrypted_env_file: step.env.encrypted\n", withKey());
        assertThat(withStep).containsEntry("WHO", "step encrypted_env_file").containsEntry("STEP_SECRET", "st3p");
    }

    @Test
    void decryptedValuesAreRegisteredWithTheMasker() throws Exception {
        RunOptions options = withKey();
        environment("app:\n  image: busybox\n  encrypted_env_file: service.env.encrypted\n", "- service: app\n  command: env\n", options);
        assertThat(options.masker().mask("value s3rvice and encrypted_env_file")).isEqualTo("value **** and ****");
    }

    @Test
    void stepGroupHandsItsEncryptedEnvFileDown() throws Exception {
        Map<String, String> env = environment("app:\n  image: busybox\n", """
                - type: serial
                  encrypted_env_file: step.env.encrypted
                  steps:
                    - service: app
                      command: env
                """, withKey());
        assertThat(env).containsEntry("STEP_SECRET", "st3p");
    }

    @Test
    void encryptedFileWithoutAKeyFailsWithNoKey() {
        assertThatThrownBy(() -> environment("app:\n  image: busybox\n  encrypted_env_file: service.env.encrypted\n",
                "- service: app\n  command: env\n", new RunOptions(1, null, Map.of())))
                .isInstanceOf(CryptException.class)
                .hasMessage("no key: put the project's AES key in codeship.aes or name the credential that holds it");
    }

    @Test
    void noEncryptedFileNeedsNoKey() throws Exception {
        assertThat(environment("app:\n  image: busybox\n  env_file: plain.env\n", "- service: app\n  command: env\n",
                new RunOptions(1, null, Map.of()))).containsEntry("WHO", "env_file");
    }

    @Test
    void wrongKeySaysWhichFileAndWhereItIsNamed() {
        RunOptions other = new RunOptions(1, null, Map.of()).withKey(KeySource.of(JetKey.generate()));
        assertThatThrownBy(() -> environment("app:\n  image: busybox\n  encrypted_env_file: service.env.encrypted\n",
                "- service: app\n  command: env\n", other))
                .hasMessage("codeship-services.yml:3:23: could not decrypt service.env.encrypted with this key: "
                        + "re-download the key and re-encrypt");
    }

    @Test
    void missingEncryptedFileNamesTheField() {
        assertThatThrownBy(() -> environment("app:\n  image: busybox\n  encrypted_env_file: [service.env.encrypted, gone.encrypted]\n",
                "- service: app\n  command: env\n", withKey()))
                .hasMessage("codeship-services.yml:3:47: encrypted_env_file gone.encrypted does not exist (looked at "
                        + project.resolve("gone.encrypted") + ")");
    }
}
