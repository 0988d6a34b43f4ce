package io.jenkins.plugins.registrysteps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import io.jenkins.plugins.registrysteps.engine.rig.RigTokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** copy, retag and steps log in with --dockercfg and --registries, and no output of theirs shows a secret. */
class LoginsCliIT {

    private static final String PASSWORD = "cli-S3cret-pa55";

    private static Rig rig;
    private static RigRegistry source;
    private static RigRegistry basic;
    private static RigTokenIssuer issuer;
    private static RigRegistry token;
    private static String image;

    @BeforeAll
    static void startServers() {
        rig = Rig.get();
        source = rig.registry().name("cli-logins-source").start();
        basic = rig.registry().name("cli-logins-basic").htpasswd("robot", PASSWORD).start();
        issuer = rig.tokenIssuer().user("ci", PASSWORD).start();
        token = rig.registry().name("cli-logins-token").tokenAuth(issuer).start();
        image = source.host() + "/team/app:1";
        rig.docker("tag", rig.baseImage(), image);
        rig.docker("push", image);
    }

    @AfterAll
    static void stopServers() {
        token.close();
        issuer.close();
        basic.close();
        source.close();
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Path write(String name, String text) throws Exception {
        Path file = Files.createTempDirectory(rig.dir(), "cli-logins-").resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Path dockercfg(RigRegistry registry, String user, String password) throws Exception {
        return write("config.json", "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth(user, password) + "\"}}}");
    }

    @Test
    void copyLogsInWithDockercfg() throws Exception {
        Cli copy = Cli.run("copy", image, basic.host() + "/prod/app:1", "--dockercfg", dockercfg(basic, "robot", PASSWORD).toString());
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        Cli retag = Cli.run("retag", basic.host() + "/prod/app:1", "stable", "--dockercfg",
                dockercfg(basic, "robot", PASSWORD).toString());
        assertThat(retag.exitCode()).as(retag.err()).isZero();
        assertThat(retag.out().strip()).isEqualTo(copy.out().strip());
    }

    @Test
    void copyLogsInWithANamedRegistrysPasswordFile() throws Exception {
        Path registries = write("registries.yml", """
                token-registry:
                  domain: %s
                  credentials:
                    username: ci
                    password_file: token-password
                """.formatted(token.host()));
        Files.writeString(registries.resolveSibling("token-password"), PASSWORD + "\n");
        Cli copy = Cli.run("copy", image, token.host() + "/prod/app:1", "--registries", registries.toString());
        assertThat(copy.exitCode()).as(copy.err()).isZero();
        assertThat(issuer.requests()).anySatisfy(request -> assertThat(request.user()).isEqualTo("ci"));
    }

    @Test
    void copyWithoutALoginNamesTheRegistry() throws Exception {
        Cli copy = Cli.run("copy", image, basic.host() + "/prod/app:2", "--dockercfg", write("config.json", "{}").toString());
        assertThat(copy.exitCode()).isEqualTo(1);
        assertThat(copy.err()).contains(basic.host() + " needs a login; give credentials for it");
    }

    @Test
    void malformedDockercfgIsBadInputWithWhereItBroke() throws Exception {
        Path config = write("config.json", "{\"auths\": {\"" + basic.host() + "\": {\"auth\": \"" + auth("robot", PASSWORD)
                + "\"}}\n,}");
        Cli copy = Cli.run("copy", image, basic.host() + "/prod/app:3", "--dockercfg", config.toString());
        assertThat(copy.exitCode()).isEqualTo(2);
        assertThat(copy.err()).isEqualTo("error: Failed to parse dockercfg: Unexpected character ('}' (code 125)): was "
                + "expecting double-quote to start field name at line 2, column 2 of " + config + "\n");
    }

    @Test
    void invalidRegistriesFileIsBadInputWithPositions() throws Exception {
        Path registries = write("registries.yml", """
                hub-one:
                  domain: docker.io
                  credentials:
                    username: one
                    password: written-here
                hub-two:
                  domain: index.docker.io
                """);
        Cli copy = Cli.run("copy", image, basic.host() + "/prod/app:4", "--registries", registries.toString());
        assertThat(copy.exitCode()).isEqualTo(2);
        assertThat(copy.err()).isEqualTo(registries + ":5:5: error: \"password\" does not belong in credentials of registry "
                + "\"hub-one\": a password is not written in the registries file: put it in an environment variable named by "
                + "password_env, or in a file named by password_file\n"
                + registries + ":6:1: error: registries \"hub-one\", \"hub-two\" all serve docker.io: mark the one pulls of "
                + "docker.io use with \"primary: true\"\n"
                + "2 errors\n");
    }

    @Test
    void failingStepsRunShowsNoSecretAnywhere() throws Exception {
        String wrong = "wrong-" + PASSWORD;
        Path project = Files.createTempDirectory(rig.dir(), "cli-leak-");
        Files.writeString(project.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\n");
        Files.createDirectories(project.resolve("secrets"));
        Files.writeString(project.resolve("secrets/password"), wrong + "\n" + auth("robot", wrong) + "\n");
        Files.writeString(project.resolve("codeship-services.yml"), """
                app:
                  build:
                    image: registry-steps/cli-leak
                  volumes:
                    - ./secrets:/secrets
                """);
        Files.writeString(project.resolve("codeship-steps.yml"), """
                - name: careless
                  service: app
                  command: cat /secrets/password
                - name: ship
                  service: app
                  type: push
                  image_name: %s/team/app
                """.formatted(basic.host()));
        for (String format : new String[] {"--json", "--no-json"}) {
            String[] args = {"steps", "--services", project.resolve("codeship-services.yml").toString(), "--steps",
                project.resolve("codeship-steps.yml").toString(), "--branch", "master", "--commit", "0123456789",
                "--docker-host", rig.dockerHost(), "--dockercfg", dockercfg(basic, "robot", wrong).toString()};
            Cli cli = Cli.run(format.equals("--json") ? append(args, "--json") : args);
            assertThat(cli.exitCode()).as(cli.out() + cli.err()).isEqualTo(1);
            assertThat(cli.out() + cli.err()).contains("[careless] ****").contains("[ship] failed")
                    .doesNotContain(wrong).doesNotContain(auth("robot", wrong));
        }
    }

    private static String[] append(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}
