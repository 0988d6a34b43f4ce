package io.jenkins.plugins.registrysteps.engine.auth;

import io.jenkins.plugins.registrysteps.engine.config.Located;
import io.jenkins.plugins.registrysteps.engine.config.NamedRegistry;
import io.jenkins.plugins.registrysteps.engine.config.RegistryCredentials;
import io.jenkins.plugins.registrysteps.engine.crypt.SecretMasker;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * The logins of one run, held in memory and never written to a docker config, so concurrent runs on one machine
 * cannot overwrite each other's. Decrypted dockercfgs, generator output, ECR tokens and Google access tokens are kept for
 * the run (tokens until shortly before they expire). Every secret handed out is registered with the run's {@link SecretMasker}.
 * {@link #resolver(StepLogins)} gives the {@link LoginResolver} of one step.
 */
public final class Logins {

    private final Map<String, String> environment;
    private final Path home;
    private final Path projectFolder;
    private final Path dockercfg;
    private final Path dockerConfigFolder;
    private final NamedRegistries named;
    private final EncryptedFileReader encrypted;
    private final DockercfgGenerator generator;
    private final EcrLogins ecr;
    private final GoogleTokenLogins google;
    private final SecretMasker masker;
    private final Map<String, LoginSpec> given;
    private final Map<Object, FutureTask<DockerConfigFile>> files = new ConcurrentHashMap<>();
    private volatile DockerConfig user;

    private Logins(Builder builder) {
        this.environment = Map.copyOf(builder.environment);
        this.home = builder.home;
        this.projectFolder = builder.projectFolder;
        this.dockercfg = builder.dockercfg;
        this.dockerConfigFolder = builder.dockerConfigFolder;
        this.named = builder.named;
        this.encrypted = builder.encrypted;
        this.generator = builder.generator;
        this.ecr = new EcrLogins(environment, builder.clock);
        this.google = new GoogleTokenLogins(environment, builder.clock);
        this.masker = builder.masker;
        this.given = Map.copyOf(builder.given);
    }

    /** @param environment where {@code DOCKER_CONFIG}, {@code PATH} for credential helpers and {@code *_env} values come from */
    public static Builder builder(Map<String, String> environment) {
        return new Builder(environment);
    }

    /** @param log where the output of the step's generator container goes */
    public LoginResolver resolver(StepLogins step, Consumer<String> log) {
        return new LoginResolver(this, step, log);
    }

    /** The resolver of a command without steps: explicit logins, named registries and the user's docker config. */
    public LoginResolver resolver() {
        return resolver(StepLogins.NONE, line -> { });
    }

    public SecretMasker masker() {
        return masker;
    }

    /**
     * Registers the secrets known before any step asks (the stored logins of the docker config, the named registries'
     * variables and files), so a step that prints one before its push is masked too. A source that cannot be read is
     * passed over here: the step that needs it reports why.
     */
    public void registerKnownSecrets() {
        try {
            userConfig().storedLogins().forEach(this::register);
        } catch (LoginException e) {
            // reported by the step that needs the config
        }
        given.values().forEach(this::registerSecretsOf);
        for (NamedRegistry registry : named.registries()) {
            RegistryCredentials credentials = registry.credentials();
            boolean resolvedWhenAsked = credentials.ecr() != null || credentials.gcr() != null || credentials.dockercfg() != null;
            if (!resolvedWhenAsked && !given.containsKey(registry.nameText())) {
                try {
                    loginOf(registry);
                } catch (LoginException e) {
                    // reported by the step that needs the registry
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public NamedRegistries namedRegistries() {
        return named;
    }

    /** Registers a login's secret, and the base64 {@code auth} form that carries it, with the masker. */
    Credential registered(Credential login) {
        register(login);
        return login;
    }

    private void register(Credential login) {
        masker.register(login.secret());
        masker.register(Base64.getEncoder().encodeToString((login.username() + ":" + login.secret())
                .getBytes(StandardCharsets.UTF_8)));
    }

    Credential resolve(LoginSpec spec) throws LoginException {
        registerSecretsOf(spec);
        if (spec instanceof LoginSpec.Ecr keys) {
            return registered(ecr.login(keys));
        }
        if (spec instanceof LoginSpec.GoogleToken key) {
            return registered(google.login(key));
        }
        return ((LoginSpec.Fixed) spec).credential();
    }

    /** Registers what a login spec holds that is secret, and a password's base64 {@code auth} form. */
    private void registerSecretsOf(LoginSpec spec) {
        if (spec instanceof LoginSpec.Fixed fixed) {
            register(fixed.credential());
        } else {
            spec.secrets().forEach(masker::register);
        }
    }

    /**
     * The user's docker config: {@code --dockercfg FILE} when given, else the config folder's {@code config.json} when
     * one was named, else DOCKER_CONFIG's or ~/.docker's.
     */
    DockerConfig userConfig() throws LoginException {
        DockerConfig config = user;
        if (config == null) {
            if (dockercfg != null) {
                config = DockerConfig.read(dockercfg, environment, false);
            } else if (dockerConfigFolder != null) {
                config = DockerConfig.read(dockerConfigFolder.resolve("config.json"), environment, true);
            } else {
                config = DockerConfig.ofUser(environment, home);
            }
            user = config;
        }
        return config;
    }

    /** An {@code encrypted_dockercfg_path}, decrypted once per run. */
    DockerConfigFile decrypted(Located<String> path) throws LoginException, InterruptedException {
        Path file = projectFolder.resolve(path.value()).normalize();
        return once(file, () -> {
            byte[] bytes = encrypted.read(file);
            try {
                return DockerConfigFile.parse(bytes, path.value() + " (decrypted)");
            } catch (LoginException e) {
                throw new LoginException(path.position() + ": encrypted_dockercfg_path: " + e.getMessage()
                        + ": if the file itself is fine, it was encrypted with another key: re-download the project's AES "
                        + "key and re-encrypt it");
            }
        });
    }

    /** A {@code dockercfg_service}'s output, generated once per run. */
    DockerConfigFile generated(Located<String> service, Consumer<String> log) throws LoginException, InterruptedException {
        return once("service:" + service.value(), () -> {
            byte[] bytes = generator.generate(service.value(), log);
            try {
                return DockerConfigFile.parse(bytes, "the dockercfg of dockercfg_service " + service.value());
            } finally {
                java.util.Arrays.fill(bytes, (byte) 0);
            }
        });
    }

    /** The login a named registry's credentials reference resolves to; empty when it names none. */
    Optional<Credential> loginOf(NamedRegistry registry) throws LoginException, InterruptedException {
        LoginSpec fromHost = given.get(registry.nameText());
        if (fromHost != null) {
            return Optional.of(resolve(fromHost));
        }
        RegistryCredentials credentials = registry.credentials();
        String owner = "registry \"" + registry.nameText() + "\"";
        if (credentials.ecr() != null) {
            RegistryCredentials.Ecr keys = credentials.ecr();
            return Optional.of(resolve(new LoginSpec.Ecr(variable(keys.accessKeyEnv(), owner),
                    variable(keys.secretKeyEnv(), owner), keys.region().value(), Located.valueOf(keys.registryId()),
                    Located.valueOf(keys.endpoint()))));
        }
        if (credentials.gcr() != null) {
            return Optional.of(resolve(googleToken(credentials.gcr(), owner)));
        }
        if (credentials.dockercfg() != null) {
            Path file = named.folder().resolve(credentials.dockercfg().value());
            Credential login = DockerConfig.read(file, environment, false).login(registry.domain())
                    .orElseThrow(() -> new LoginException(credentials.dockercfg().position() + ": dockercfg "
                            + credentials.dockercfg().value() + " of " + owner + " holds no login for " + registry.domain()));
            return Optional.of(registered(login));
        }
        if (credentials.passwordEnv() == null && credentials.passwordFile() == null) {
            return Optional.empty();
        }
        String username = credentials.username() != null ? credentials.username().value() : variable(credentials.usernameEnv(), owner);
        String password = credentials.passwordEnv() != null ? variable(credentials.passwordEnv(), owner)
                : secretFile(credentials.passwordFile(), "password_file", owner);
        return Optional.of(registered(new Credential(username, password)));
    }

    private LoginSpec.GoogleToken googleToken(RegistryCredentials.Gcr gcr, String owner) throws LoginException {
        if (gcr.keyFile() != null) {
            return new LoginSpec.GoogleToken(secretFile(gcr.keyFile(), "key_file", owner), "key_file "
                    + gcr.keyFile().value() + " of " + owner);
        }
        if (gcr.keyEnv() != null) {
            return new LoginSpec.GoogleToken(variable(gcr.keyEnv(), owner), "key_env " + gcr.keyEnv().value() + " of " + owner);
        }
        String file = environment.get("GOOGLE_APPLICATION_CREDENTIALS");
        return new LoginSpec.GoogleToken(null, (file == null || file.isEmpty() ? "Application Default Credentials"
                : "GOOGLE_APPLICATION_CREDENTIALS " + file) + " of " + owner);
    }

    /** The value of the environment variable a reference names; null when there is no reference. */
    private String variable(Located<String> name, String owner) throws LoginException {
        if (name == null) {
            return null;
        }
        String value = environment.get(name.value());
        if (value == null || value.isEmpty()) {
            throw new LoginException(name.position() + ": environment variable " + name.value() + " of " + owner
                    + " is not set: set it, or fix the name");
        }
        masker.register(value);
        return value;
    }

    private String secretFile(Located<String> name, String field, String owner) throws LoginException {
        Path file = named.folder().resolve(name.value());
        try {
            // as docker login --password-stdin: one trailing line break is not part of the password
            String value = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
            masker.register(value);
            return value;
        } catch (IOException e) {
            throw new LoginException(name.position() + ": " + field + " " + name.value() + " of " + owner
                    + " cannot be read (" + file + ")", e);
        }
    }

    /** A file read at most once per run, also when parallel steps ask at the same time; a failure is kept too. */
    private DockerConfigFile once(Object key, java.util.concurrent.Callable<DockerConfigFile> read)
            throws LoginException, InterruptedException {
        FutureTask<DockerConfigFile> task = files.computeIfAbsent(key, k -> new FutureTask<>(read));
        task.run();
        try {
            DockerConfigFile file = task.get();
            file.auths().values().forEach(this::register);
            return file;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LoginException login) {
                throw new LoginException(login.getMessage(), login);
            }
            if (cause instanceof InterruptedException) {
                throw new InterruptedException("interrupted while reading logins");
            }
            throw new LoginException(cause.getMessage(), cause);
        }
    }

    /** Settings of a run's logins. */
    public static final class Builder {
        private final Map<String, String> environment;
        private Path home = Path.of(System.getProperty("user.home"));
        private Path projectFolder = Path.of(".");
        private Path dockercfg;
        private Path dockerConfigFolder;
        private NamedRegistries named = NamedRegistries.NONE;
        private EncryptedFileReader encrypted = EncryptedFileReader.noKey();
        private DockercfgGenerator generator = DockercfgGenerator.none();
        private Clock clock = Clock.systemUTC();
        private SecretMasker masker = new SecretMasker();
        private final Map<String, LoginSpec> given = new LinkedHashMap<>();

        private Builder(Map<String, String> environment) {
            this.environment = environment;
        }

        /** The home folder whose {@code .docker/config.json} is read when DOCKER_CONFIG is not set. */
        public Builder home(Path folder) {
            home = folder;
            return this;
        }

        /** Relative {@code encrypted_dockercfg_path}s are relative to it. */
        public Builder projectFolder(Path folder) {
            projectFolder = folder;
            return this;
        }

        /** A docker config file ({@code .dockercfg} or {@code config.json}) used instead of the user's. */
        public Builder dockercfg(Path file) {
            dockercfg = file;
            return this;
        }

        /** The folder whose {@code config.json} is the user's docker config, instead of DOCKER_CONFIG's or ~/.docker. */
        public Builder dockerConfigFolder(Path folder) {
            dockerConfigFolder = folder;
            return this;
        }

        public Builder namedRegistries(NamedRegistries registries) {
            named = registries;
            return this;
        }

        public Builder encryptedFiles(EncryptedFileReader reader) {
            encrypted = reader;
            return this;
        }

        public Builder generator(DockercfgGenerator dockercfgGenerator) {
            generator = dockercfgGenerator;
            return this;
        }

        /**
         * The login of a named registry as the program running the engine resolved it (a Jenkins credential, say),
         * used before any {@code credentials} the registry names. The registry must be among the
         * {@link #namedRegistries} under {@code name}.
         */
        public Builder given(String name, LoginSpec login) {
            given.put(name, login);
            return this;
        }

        /** Where the secrets go; a face that masks output passes its own. */
        public Builder masker(SecretMasker secrets) {
            masker = secrets;
            return this;
        }

        Builder clock(Clock now) {
            clock = now;
            return this;
        }

        public Logins build() {
            return new Logins(this);
        }
    }
}
