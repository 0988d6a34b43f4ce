package io.jenkins.plugins.registrysteps.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.registrysteps.engine.auth.Logins;
import io.jenkins.plugins.registrysteps.engine.auth.NamedRegistries;
import io.jenkins.plugins.registrysteps.engine.config.CodeshipConfig;
import io.jenkins.plugins.registrysteps.engine.config.ConfigLoader;
import io.jenkins.plugins.registrysteps.engine.crypt.JetCipher;
import io.jenkins.plugins.registrysteps.engine.crypt.JetKey;
import io.jenkins.plugins.registrysteps.engine.crypt.KeySource;
import io.jenkins.plugins.registrysteps.engine.docker.DockerDaemon;
import io.jenkins.plugins.registrysteps.engine.docker.DockerEndpoint;
import io.jenkins.plugins.registrysteps.engine.image.ImageReference;
import io.jenkins.plugins.registrysteps.engine.plan.BuildContext;
import io.jenkins.plugins.registrysteps.engine.plan.PlanStep;
import io.jenkins.plugins.registrysteps.engine.plan.Planner;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import io.jenkins.plugins.registrysteps.engine.registry.RegistryClient;
import io.jenkins.plugins.registrysteps.engine.rig.Rig;
import io.jenkins.plugins.registrysteps.engine.rig.RigRegistry;
import io.jenkins.plugins.registrysteps.engine.rig.RigTokenIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push steps and builds log in through every login source, against registries with htpasswd and token auth. */
class RunnerLoginsIT {

    private static final String PASSWORD = "pu5h-Secret-7";

    private static Rig rig;
    private static DockerDaemon daemon;
    private static RegistryClient readBack;
    private Path project;
    private Path dockerConfig;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void connect() throws Exception {
        rig = Rig.get();
        rig.baseImage();
        daemon = DockerDaemon.connect(DockerEndpoint.fromEnvironment(Map.of("DOCKER_HOST", rig.dockerHost()), rig.dir()));
        readBack = RegistryClient.builder().build();
    }

    @AfterAll
    static void disconnect() throws Exception {
        readBack.close();
        daemon.close();
    }

    @BeforeEach
    void project() throws Exception {
        project = Files.createTempDirectory(rig.dir(), "logins-project-");
        dockerConfig = Files.createDirectories(project.resolve("docker-config"));
        env.put("PATH", Files.createDirectories(project.resolve("bin")) + ":/usr/bin:/bin");
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        Files.writeString(project.resolve("Dockerfile"), "FROM " + rig.baseImage() + "\nRUN echo built > /built\n");
    }

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static final JetKey KEY = JetKey.generate();

    /** A file encrypted as {@code jet encrypt} does, with the run's key. */
    private void encrypted(String name, String plaintext) throws Exception {
        Files.write(project.resolve(name), JetCipher.encrypt(KEY, plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    private RunResult run(String services, String steps, Logins.Builder logins) throws Exception {
        Files.writeString(project.resolve("codeship-services.yml"), services);
        Files.writeString(project.resolve("codeship-steps.yml"), steps);
        CodeshipConfig config = ConfigLoader.load(project, null, null);
        BuildContext context = BuildContext.builder().branch("master").commitId("abc123").time(ZonedDateTime.now()).build();
        return new Runner(daemon, readBack, config.services(), project, context,
                new RunOptions(2, null, Map.of()).withKey(KeySource.of(KEY)), new RunListener() {
            @Override
            public void output(PlanStep step, String line) {
                output.add(step.name() + "| " + line);
            }
        }, logins).run(Planner.plan(config, context));
    }

    private static String appService() {
        return "app:\n  build:\n    image: registry-steps/logins-app\n";
    }

    private static String push(String name, String image, String registry, String extra) {
        return """
                - name: %s
                  service: app
                  type: push
                  image_name: %s
                  registry: %s
                %s""".formatted(name, image, registry, extra.isEmpty() ? "" : "  " + extra + "\n");
    }

    private static void assertPushed(RunResult result, RigRegistry registry, String user, String repositoryAndTag)
            throws Exception {
        assertThat(result.passed()).as(result.toString()).isTrue();
        RegistryClient client = RegistryClient.builder()
                .credentials(host -> Optional.of(new Credential(user, PASSWORD))).build();
        assertThat(client.manifestDigest(ImageReference.parse(registry.host() + "/" + repositoryAndTag))).isPresent();
    }

    @Test
    void encryptedDockercfgLogsInToAnHtpasswdRegistry() throws Exception {
        try (RigRegistry registry = rig.registry().name("logins-encrypted").htpasswd("robot", PASSWORD).start()) {
            encrypted("dockercfg.encrypted", "{\"" + registry.host() + "\": {\"auth\": \"" + auth("robot", PASSWORD) + "\"}}");
            RunResult result = run(appService(), push("ship", registry.host() + "/team/app", registry.host(),
                    "encrypted_dockercfg_path: dockercfg.encrypted"),
                    Logins.builder(env));
            assertPushed(result, registry, "robot", "team/app:latest");
        }
    }

    @Test
    void usersDockerConfigLogsInToATokenRegistry() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().user("ci", PASSWORD).start();
             RigRegistry registry = rig.registry().name("logins-user-config").tokenAuth(issuer).start()) {
            Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\": {\"http://" + registry.host() + "/v2/\": "
                    + "{\"username\": \"ci\", \"password\": \"" + PASSWORD + "\"}}}");
            RunResult result = run(appService(), push("ship", registry.host() + "/team/app", registry.host(), ""),
                    Logins.builder(env));
            assertPushed(result, registry, "ci", "team/app:latest");
            assertThat(issuer.requests()).anySatisfy(request -> assertThat(request.user()).isEqualTo("ci"));
        }
    }

    @Test
    void credentialHelperLogsInToAnHtpasswdRegistry() throws Exception {
        try (RigRegistry registry = rig.registry().name("logins-helper").htpasswd("helped", PASSWORD).start()) {
            Path helper = project.resolve("bin/docker-credential-rig");
            Files.writeString(helper, "#!/bin/sh\nread server\n[ \"$server\" = \"" + registry.host() + "\" ] || "
                    + "{ echo 'credentials not found in native keychain'; exit 1; }\n"
                    + "echo '{\"Username\":\"helped\",\"Secret\":\"" + PASSWORD + "\"}'\n");
            Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dockerConfig.resolve("config.json"), "{\"credHelpers\": {\"" + registry.host() + "\": \"rig\"}}");
            RunResult result = run(appService(), push("ship", registry.host() + "/team/app", registry.host(), ""),
                    Logins.builder(env));
            assertPushed(result, registry, "helped", "team/app:latest");
        }
    }

    @Test
    void identityTokenIsTradedByTheDaemonForAPush() throws Exception {
        try (RigTokenIssuer issuer = rig.tokenIssuer().user("ci", PASSWORD).refreshToken("refresh-" + PASSWORD, "ci").start();
             RigRegistry registry = rig.registry().name("logins-identity").tokenAuth(issuer).start()) {
            Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\": {\"" + registry.host() + "\": "
                    + "{\"auth\": \"" + auth("<token>", "") + "\", \"identitytoken\": \"refresh-" + PASSWORD + "\"}}}");
            RunResult result = run(appService(), push("ship", registry.host() + "/team/app", registry.host(), ""),
                    Logins.builder(env));
            assertPushed(result, registry, "ci", "team/app:latest");
        }
    }

    /** A registries file naming {@code azure} "azure-demo" (prefix acme-company, user azure), then {@code more}. */
    private Path registriesFile(RigRegistry azure, String more) throws Exception {
        env.put("AZURE_PASSWORD", PASSWORD);
        return Files.writeString(project.resolve("registries.yml"), """
                azure-demo:
                  domain: %s
                  prefix: acme-company
                  credentials:
                    username: azure
                    password_env: AZURE_PASSWORD
                """.formatted(azure.host()) + more);
    }

    @Test
    void namedRegistryPutsThePushUnderItsDomainAndPrefixWithItsLogin() throws Exception {
        try (RigRegistry registry = rig.registry().name("logins-named").htpasswd("azure", PASSWORD).start()) {
            Path registries = registriesFile(registry, "");
            RunResult result = run(appService(), push("ship", "trivial-go-web", "azure-demo", "image_tag: \"1.2.3\""),
                    Logins.builder(env).namedRegistries(NamedRegistries.load(registries)));
            assertPushed(result, registry, "azure", "acme-company/trivial-go-web:1.2.3");
        }
    }

    @Test
    void aRegistryListPushesOneSaveToEveryRegistryEachWithItsOwnLogin() throws Exception {
        try (RigRegistry azure = rig.registry().name("logins-list-azure").htpasswd("azure", PASSWORD).start();
                RigRegistry quay = rig.registry().name("logins-list-quay").htpasswd("robot", PASSWORD).start();
                RigRegistry open = rig.registry().name("logins-list-open").start()) {
            Path registries = registriesFile(azure, """
                    quay:
                      domain: %s
                      credentials:
                        username: robot
                        password_env: QUAY_PASSWORD
                    """.formatted(quay.host()));
            env.put("QUAY_PASSWORD", PASSWORD);
            RunResult result = run(appService(), """
                    - name: everywhere
                      service: app
                      type: push
                      image_name: team/app
                      image_tag: "1.0"
                      registry: [azure-demo, quay, %s]
                    """.formatted(open.host()), Logins.builder(env).namedRegistries(NamedRegistries.load(registries)));

            assertPushed(result, azure, "azure", "acme-company/team/app:1.0");
            assertPushed(result, quay, "robot", "team/app:1.0");
            assertPushed(result, open, "anyone", "team/app:1.0");
            List<PushRecord> pushes = result.steps().get(0).pushes();
            assertThat(pushes).extracting(PushRecord::registry).containsExactly(azure.host(), quay.host(), open.host());
            assertThat(pushes).extracting(PushRecord::digest).containsOnly(pushes.get(0).digest());
            // one save for all three, and the layers went up to each registry (no mount across registries)
            assertThat(output.stream().filter(line -> line.contains("read the saved image"))).hasSize(1);
        }
    }

    @Test
    void generatorServiceWritesTheDockercfgOnceForTheRunAndShowsItsLog() throws Exception {
        try (RigRegistry registry = rig.registry().name("logins-generator").htpasswd("generated", PASSWORD).start()) {
            Path generator = Files.createDirectories(project.resolve("generator"));
            Files.writeString(generator.resolve("generate.sh"), """
                    #!/bin/sh
                    echo "generating a dockercfg for $REGISTRY into $1"
                    printf '{"%s": {"auth": "%s"}}' "$REGISTRY" "$REGISTRY_AUTH" > "$1"
                    """);
            Files.setPosixFilePermissions(generator.resolve("generate.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(generator.resolve("Dockerfile"), "FROM " + rig.baseImage()
                    + "\nCOPY generate.sh /generate.sh\nENTRYPOINT [\"/generate.sh\"]\n");
            rig.docker("build", "-t", "registry-steps/test-dockercfg-generator", generator.toString());
            RunResult result = run(appService() + """
                    gen:
                      image: registry-steps/test-dockercfg-generator
                      environment:
                        REGISTRY: %s
                        REGISTRY_AUTH: %s
                    """.formatted(registry.host(), auth("generated", PASSWORD)),
                    push("first", registry.host() + "/team/app", registry.host(), "dockercfg_service: gen")
                            + push("second", registry.host() + "/team/app:two", registry.host(), "dockercfg_service: gen"),
                    Logins.builder(env));
            assertPushed(result, registry, "generated", "team/app:two");
            assertThat(output).filteredOn(line -> line.contains("generating a dockercfg")).containsExactly(
                    "first| generating a dockercfg for " + registry.host() + " into /opt/registry-steps/dockercfg");
            try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                assertThat(left.filter(p -> p.getFileName().toString().startsWith("registry-steps-dockercfg-"))).isEmpty();
            }
        }
    }

    @Test
    void buildPullsAPrivateBaseImageWithTheStepsLogin() throws Exception {
        try (RigRegistry registry = rig.registry().name("logins-private-base").htpasswd("puller", PASSWORD).start()) {
            String base = registry.host() + "/private/base:1";
            rig.docker("tag", rig.baseImage(), base);
            rig.dockerLogin(registry.host(), "puller", PASSWORD);
            rig.docker("push", base);
            rig.docker("logout", registry.host());
            rig.docker("rmi", base);
            Files.writeString(project.resolve("Dockerfile"), "FROM " + base + "\nRUN echo built > /built\n");
            encrypted("dockercfg.encrypted", "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \""
                    + auth("puller", PASSWORD) + "\"}}}");
            RunResult result = run(appService().replace("logins-app", "logins-private-app"), """
                    - name: use
                      service: app
                      command: cat /built
                      encrypted_dockercfg_path: dockercfg.encrypted
                    """, Logins.builder(env));
            assertThat(result.passed()).as(result + "\n" + output).isTrue();
            assertThat(output).contains("use| built");
        }
    }

    @Test
    void pushWithoutALoginFailsWithTheRegistrysAnswer() throws Exception {
        try (RigRegistry registry = rig.registry().name("logins-none").htpasswd("robot", PASSWORD).start()) {
            RunResult result = run(appService(), push("ship", registry.host() + "/team/app", registry.host(), ""),
                    Logins.builder(env));
            assertThat(result.passed()).isFalse();
            // the first request that needs a login says so: a HEAD of a layer the cache knows, else an upload
            assertThat(result.steps().get(0).detail()).startsWith("push " + registry.host() + "/team/app:latest: ")
                    .endsWith(": status 401: " + registry.host() + " needs a login; give credentials for it");
        }
    }

    @Test
    void generatorThatWritesNothingFailsThePushSayingWhatItMustDo() throws Exception {
        RunResult result = run(appService() + """
                lazy:
                  image: %s
                  entrypoint: ["true"]
                """.formatted(rig.baseImage()), push("ship", "127.0.0.1:5999/team/app", "127.0.0.1:5999",
                "dockercfg_service: lazy"), Logins.builder(env));
        assertThat(result.passed()).isFalse();
        assertThat(result.steps().get(0).detail()).isEqualTo("dockercfg_service lazy wrote no dockercfg: its image must write "
                + "one to the path it is given as its argument (/opt/registry-steps/dockercfg)");
    }
}
