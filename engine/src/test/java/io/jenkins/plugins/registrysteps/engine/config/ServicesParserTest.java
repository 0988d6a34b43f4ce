package io.jenkins.plugins.registrysteps.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServicesParserTest {

    private static final String ONE_STEP = "- service: app\n  command: true\n";

    private static Service app(String services) throws ConfigException {
        return Pair.load(services, ONE_STEP).services().service("app").orElseThrow();
    }

    @Test
    void buildAsStringIsTheContext() throws ConfigException {
        Service app = app("app:\n  build: ./web\n");
        assertThat(app.build().contextOrDefault()).isEqualTo("./web");
        assertThat(app.build().dockerfileOrDefault()).isEqualTo("Dockerfile");
    }

    @Test
    void legacyPathAndNameMeanContextAndImage() throws ConfigException {
        Service app = app("app:\n  build:\n    path: sub\n    name: org/app\n    dockerfile_path: Dockerfile.ci\n");
        assertThat(app.build().context().value()).isEqualTo("sub");
        assertThat(app.build().image().value()).isEqualTo("org/app");
        assertThat(app.build().dockerfile().value()).isEqualTo("Dockerfile.ci");
    }

    @Test
    void unquotedNumbersAndBooleansKeepTheTextWritten() throws ConfigException {
        Service app = app("""
                app:
                  build:
                    image: org/app
                    args:
                      UBUNTU: 18.04
                      PYTHON: 3.7.3
                      FLAG: yes
                  environment:
                    PORT: 8080
                    DEBUG: false
                    RATIO: 1.50
                """);
        assertThat(app.build().args()).extractingByKeys("UBUNTU", "PYTHON", "FLAG")
                .extracting(Located::value).containsExactly("18.04", "3.7.3", "yes");
        assertThat(app.environment()).extractingByKeys("PORT", "DEBUG", "RATIO")
                .extracting(Located::value).containsExactly("8080", "false", "1.50");
    }

    @Test
    void environmentAsListSplitsAtFirstEquals() throws ConfigException {
        Service app = app("app:\n  image: busybox\n  environment:\n    - A=1=2\n    - FROM_HOST\n");
        assertThat(app.environment().get("A").value()).isEqualTo("1=2");
        assertThat(app.environment()).containsKey("FROM_HOST");
        assertThat(app.environment().get("FROM_HOST")).isNull();
    }

    @Test
    void encryptedEnvFileTakesTextOrList() throws ConfigException {
        assertThat(app("app:\n  image: busybox\n  encrypted_env_file: env.encrypted\n").encryptedEnvFiles())
                .extracting(Located::value).containsExactly("env.encrypted");
        assertThat(app("app:\n  image: busybox\n  encrypted_env_file:\n  - a.encrypted\n  - ./b.encrypted\n").encryptedEnvFiles())
                .extracting(Located::value).containsExactly("a.encrypted", "./b.encrypted");
    }

    @Test
    void inlineEncryptedValuesTakeTextOrList() throws ConfigException {
        Service single = app("app:\n  build:\n    encrypted_args: 8rD1P1xO1CwB4L99JBqnvoSOX+1wimf9qwHXATc9foasPtU6Sw==\n"
                + "  encrypted_environment: OBbt1ZLGkLdI==\n");
        assertThat(single.build().encryptedArgs()).extracting(Located::value)
                .containsExactly("8rD1P1xO1CwB4L99JBqnvoSOX+1wimf9qwHXATc9foasPtU6Sw==");
        assertThat(single.encryptedEnvironment()).extracting(Located::value).containsExactly("OBbt1ZLGkLdI==");
        Service list = app("app:\n  image: busybox\n  encrypted_environment:\n    - first==\n    - |\n      codeship:v2\n      c2Vjb25k\n");
        assertThat(list.encryptedEnvironment()).extracting(Located::value).containsExactly("first==", "codeship:v2\nc2Vjb25k\n");
    }

    @Test
    void everyValueKnowsItsLineAndColumn() throws ConfigException {
        Service app = app("app:\n  image: busybox\n  working_dir: /src\n  volumes:\n    - ./a:/a\n");
        assertThat(app.name().position()).hasToString("codeship-services.yml:1:1");
        assertThat(app.workingDir().position()).hasToString("codeship-services.yml:3:16");
        assertThat(app.volumes().get(0).position()).hasToString("codeship-services.yml:5:7");
    }

    @Test
    void composeWrapperIsUnwrapped() throws ConfigException {
        CodeshipConfig config = Pair.load("version: '2'\nservices:\n  app:\n    build: .\nvolumes:\n  data: {}\n", ONE_STEP);
        assertThat(config.services().names()).containsExactly("app");
        assertThat(config.warnings()).extracting(Diagnostic::toString)
                .containsExactly("codeship-services.yml:5:1: warning: top-level \"volumes\" of a docker-compose file is ignored: "
                        + "Codeship services use paths in \"volumes\" instead");
    }

    @Test
    void aServiceNamedServicesIsNotMistakenForCompose() throws ConfigException {
        CodeshipConfig config = Pair.load("services:\n  image: busybox\napp:\n  image: busybox\n", ONE_STEP);
        assertThat(config.services().names()).containsExactly("services", "app");
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        assertThat(Pair.errors("app:\n  image: busybox\n  enviroment:\n    A: 1\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:3:3: error: unknown key \"enviroment\" in service \"app\" (did you mean \"environment\"?); "
                        + "known keys: add_docker, build, cached, cap_add, command, default_cache_branch, depends_on, "
                        + "dockercfg_service, encrypted_dockercfg_path, encrypted_env_file, encrypted_environment, entrypoint, "
                        + "env_file, environment, extra_hosts, image, links, ports, volumes, volumes_from, working_dir");
    }

    @Test
    void cachedInsideBuildSaysWhereItBelongs() {
        assertThat(Pair.errors("app:\n  build:\n    image: org/app\n    cached: true\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:4:5: error: \"cached\" does not belong in \"build\" of service \"app\": it is a service key: "
                        + "move it out of \"build:\" to the service (indent it like \"build:\")");
    }

    @Test
    void composeOnlyKeysWarnAndAreIgnored() throws ConfigException {
        assertThat(Pair.warnings("app:\n  image: busybox\n  restart: always\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:3:3: warning: \"restart\" in service \"app\" is a docker-compose key that Codeship Pro "
                        + "does not support: it is ignored");
    }

    @Test
    void serviceNeedsBuildOrImage() {
        assertThat(Pair.errors("app:\n  working_dir: /src\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:2:3: error: service \"app\" needs \"build\" (a Dockerfile to build) or \"image\" (an image to pull)");
    }

    @Test
    void upperCaseImageNameIsRejectedWithTheLowerCaseSpelling() {
        assertThat(Pair.errors("app:\n  build:\n    image: FakeDns\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:3:12: error: \"image\" of \"build\" of service \"app\": repository name must be lowercase: "
                        + "\"FakeDns\" (Docker rejects upper case; write \"fakedns\")");
    }

    @Test
    void unquotedTemplateInServicesSaysToQuoteIt() {
        assertThat(Pair.errors("app:\n  build:\n    image: quay.io/o/a\n    image_tag: {{.Branch}}\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:4:5: error: \"image_tag\" does not belong in \"build\" of service \"app\": it is a push-step "
                        + "key: set it on the push step in the steps file",
                "codeship-services.yml:4:16: error: YAML syntax error: the unquoted template {{.Branch}} reads as a nested mapping, "
                        + "not as text: quote it, as in \"{{.Branch}}\"");
    }

    @Test
    void duplicateKeysAreNamed() {
        assertThat(Pair.errors("app:\n  image: a\n  image: b\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:3:3: error: \"image\" is given twice in service \"app\" (first at line 2): keep one");
    }

    @Test
    void dependsOnUnknownServiceListsDefinedOnes() {
        assertThat(Pair.errors("app:\n  image: a\n  depends_on:\n    - db\nweb:\n  image: b\n", ONE_STEP)).containsExactly(
                "codeship-services.yml:4:7: error: unknown service \"db\" in depends_on of service \"app\": "
                        + "codeship-services.yml defines app, web");
    }
}
