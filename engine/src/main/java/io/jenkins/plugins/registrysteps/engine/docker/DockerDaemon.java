package io.jenkins.plugins.registrysteps.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PushImageCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.jenkins.plugins.registrysteps.engine.registry.Credential;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Docker daemon as the engine uses it: build an image with its log streamed, run a container to completion with
 * its output streamed line by line, and always remove the container afterwards — also on failure and interrupt.
 * Logins travel with each push and build request ({@code X-Registry-Auth}, {@code X-Registry-Config}), never through a
 * docker config file, so concurrent runs cannot overwrite each other's logins.
 */
public final class DockerDaemon implements AutoCloseable {

    /** Every container and network the engine makes carries this label, so none can hide from a clean-up. */
    public static final String LABEL = "io.jenkins.plugins.registry-steps";

    private final DockerClient docker;
    /** Builds, pushes and saves under way, for {@link #stopStreams()}. */
    private final Set<Closeable> streams = ConcurrentHashMap.newKeySet();
    private final DockerEndpoint endpoint;
    private final String host;

    private DockerDaemon(DockerClient docker, DockerEndpoint endpoint) {
        this.docker = docker;
        this.endpoint = endpoint;
        this.host = endpoint.host().toString();
    }

    /** Connects as configured, nothing else: the client's own defaults (system properties, property files) are not read. */
    public static DockerDaemon connect(DockerEndpoint endpoint) {
        DockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(endpoint.host().toString())
                .withDockerTlsVerify(endpoint.tlsVerify())
                .withDockerCertPath(endpoint.certPath().toString())
                .withDockerConfig(endpoint.configDir().toString())
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(30))
                .build();
        return new DockerDaemon(DockerClientImpl.getInstance(config, http), endpoint);
    }

    /** Where this daemon listens, as it was connected. */
    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** The daemon's version; fails when no daemon answers at the endpoint. */
    public String version() throws DockerException {
        try {
            return docker.versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            throw new DockerException("reach the Docker daemon at " + host, e);
        }
    }

    /** Whether the daemon holds an image of this name or id. */
    public boolean hasImage(String image) throws DockerException {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw new DockerException("inspect image " + image, e);
        }
    }

    /**
     * Stops every build, push and save of this connection under way: their streams close, and dockerd ends a build or
     * push whose client went away. Each stopped call fails with a {@link DockerException}. For a cancelled run.
     */
    public void stopStreams() {
        for (Closeable stream : List.copyOf(streams)) {
            streams.remove(stream);
            try {
                stream.close();
            } catch (IOException | RuntimeException e) {
                // the stream is dropped either way
            }
        }
    }

    /** A save's stream, closed by {@link #stopStreams()} too. */
    private InputStream tracked(InputStream save) {
        InputStream stream = new FilterInputStream(save) {
            @Override
            public void close() throws IOException {
                streams.remove(this);
                super.close();
            }
        };
        streams.add(stream);
        return stream;
    }

    /** Builds an image with the classic builder, its log going to {@code log}; returns the image id. */
    public String build(BuildRequest request, LineSink log) throws DockerException {
        Lines lines = new Lines(log);
        BuildImageCmd command = docker.buildImageCmd()
                .withBaseDirectory(request.context().toFile())
                .withDockerfile(request.context().resolve(request.dockerfile()).toFile())
                .withTags(new HashSet<>(request.tags()))
                .withLabels(request.labels())
                .withPull(false)
                .withBuildAuthConfigs(authConfigurations(request));
        request.args().forEach(command::withBuildArg);
        if (request.target() != null) {
            command.withTarget(request.target());
        }
        if (request.network() != null) {
            command.withNetworkMode(request.network());
        }
        if (!request.cacheFrom().isEmpty()) {
            command.withCacheFrom(new HashSet<>(request.cacheFrom()));
        }
        command.withNoCache(request.noCache());
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    lines.accept(item.getStream().getBytes(StandardCharsets.UTF_8));
                }
                super.onNext(item);
            }
        };
        streams.add(callback);
        try {
            String id = command.exec(callback).awaitImageId();
            lines.finish();
            return id;
        } catch (RuntimeException e) {
            lines.finish();
            throw new DockerException("build image from " + request.context() + " with " + request.dockerfile()
                    + (streams.contains(callback) ? "" : ": stopped"), e);
        } finally {
            streams.remove(callback);
        }
    }

    /**
     * Tags a local image as {@code repository:tag} and pushes it with the login given (anonymously without one); returns
     * the digest the registry stored. Push errors arrive inside a successful HTTP stream, so every item of it is checked.
     *
     * @param serverAddress the registry as Docker names it in logins ({@code https://index.docker.io/v1/} for Docker Hub)
     */
    public String push(String localImage, String repository, String tag, String serverAddress, Optional<Credential> login,
            LineSink log) throws DockerException {
        return push(localImage, repository, tag, login.map(l -> authConfig(serverAddress, l)).orElseGet(AuthConfig::new), log);
    }

    /**
     * As {@link #push(String, String, String, String, Optional, LineSink)} with the login docker-java finds for the
     * repository in the config folder of {@link #endpoint()}: its {@code config.json} ({@code auths} only, no credential helper).
     */
    public String push(String localImage, String repository, String tag, LineSink log) throws DockerException {
        return push(localImage, repository, tag, (AuthConfig) null, log);
    }

    /** @param auth the login to send, or null for docker-java's lookup in the config folder */
    private String push(String localImage, String repository, String tag, AuthConfig auth, LineSink log)
            throws DockerException {
        String target = repository + ":" + tag;
        String[] digest = new String[1];
        String[] error = new String[1];
        try {
            docker.tagImageCmd(localImage, repository, tag).withForce(true).exec();
            PushImageCmd command = docker.pushImageCmd(repository).withTag(tag);
            if (auth != null) {
                command.withAuthConfig(auth);
            }
            ResultCallback.Adapter<PushResponseItem> callback = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.getErrorDetail() != null) {
                        error[0] = item.getErrorDetail().getMessage();
                    }
                    if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest[0] = item.getAux().getDigest();
                    }
                    if (item.getStatus() != null && item.getProgressDetail() == null) {
                        log.line((item.getId() == null ? "" : item.getId() + ": ") + item.getStatus());
                    }
                }
            };
            streams.add(callback);
            try {
                command.exec(callback).awaitCompletion();
            } finally {
                if (!streams.remove(callback)) {
                    error[0] = "stopped";
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerException("push " + target + ": interrupted");
        } catch (RuntimeException e) {
            throw new DockerException("push " + target, e);
        }
        if (error[0] != null) {
            throw new DockerException("push " + target + ": " + error[0]);
        }
        if (digest[0] == null) {
            throw new DockerException("push " + target + ": the daemon reported no digest");
        }
        return digest[0];
    }

    /** What the daemon knows of a local image: its id, layer diffIDs and OS. */
    public LocalImage inspect(String image) throws DockerException {
        try {
            InspectImageResponse response = docker.inspectImageCmd(image).exec();
            List<String> layers = response.getRootFS() == null || response.getRootFS().getLayers() == null ? List.of()
                    : response.getRootFS().getLayers();
            return new LocalImage(response.getId(), layers, response.getOs());
        } catch (RuntimeException e) {
            throw new DockerException("inspect image " + image, e);
        }
    }

    /** The image as {@code docker save} writes it, a tar read as the daemon sends it; the caller closes the stream. */
    public InputStream save(String image) throws DockerException {
        try {
            return tracked(docker.saveImageCmd(image).exec());
        } catch (RuntimeException e) {
            throw new DockerException("save image " + image, e);
        }
    }

    /** Docker's form of a login; the daemon trades an identity token at the realm itself. */
    static AuthConfig authConfig(String serverAddress, Credential login) {
        AuthConfig auth = new AuthConfig().withRegistryAddress(serverAddress);
        return switch (login.kind()) {
            case PASSWORD -> auth.withUsername(login.username()).withPassword(login.secret());
            case IDENTITY_TOKEN -> auth.withIdentityToken(login.secret());
            case REGISTRY_TOKEN -> auth.withRegistrytoken(login.secret());
        };
    }

    /** Every pull login of a build; an empty set rather than none, so no docker config file is consulted. */
    private static AuthConfigurations authConfigurations(BuildRequest request) {
        AuthConfigurations all = new AuthConfigurations();
        request.pullLogins().forEach((server, login) -> all.addConfig(authConfig(server, login)));
        return all;
    }

    /** Runs a container to completion with its output going to {@code log}; returns its exit code. */
    public int run(RunRequest request, LineSink log) throws DockerException, InterruptedException {
        return runCreated(create(request), request, log);
    }

    /**
     * Runs a container made by {@link #create} to completion, as {@link #run} does; a caller creates first when it
     * must decide between creating and starting, e.g. whether the run was cancelled meanwhile.
     */
    public int runCreated(String id, RunRequest request, LineSink log) throws DockerException, InterruptedException {
        try {
            docker.startContainerCmd(id).exec();
            Lines lines = new Lines(log);
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            if (frame.getStreamType() == StreamType.STDOUT || frame.getStreamType() == StreamType.STDERR
                                    || frame.getStreamType() == StreamType.RAW) {
                                lines.accept(frame.getPayload());
                            }
                        }
                    }).awaitCompletion();
            lines.finish();
            return docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
        } catch (RuntimeException e) {
            throw new DockerException("run " + request.command() + " in " + request.image(), e);
        } finally {
            remove(id);
        }
    }

    /** Starts a container in the background (a linked service); returns its id. {@link #removeContainers} ends it. */
    public String start(RunRequest request) throws DockerException {
        String id = create(request);
        try {
            docker.startContainerCmd(id).exec();
            return id;
        } catch (RuntimeException e) {
            remove(id);
            throw new DockerException("start " + request.image(), e);
        }
    }

    /** Creates a container without starting it; returns its id. */
    public String create(RunRequest request) throws DockerException {
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withBinds(request.binds().stream().map(Bind::parse).toList());
        if (request.network() != null) {
            hostConfig.withNetworkMode(request.network());
        }
        CreateContainerCmd command = docker.createContainerCmd(request.image())
                .withCmd(request.command())
                .withEnv(request.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(hostConfig)
                .withLabels(labels(request.labels()));
        if (!request.networkAliases().isEmpty()) {
            command.withAliases(request.networkAliases());
        }
        if (request.entrypoint() != null) {
            command.withEntrypoint(request.entrypoint());
        }
        if (request.workingDir() != null) {
            command.withWorkingDir(request.workingDir());
        }
        try {
            return command.exec().getId();
        } catch (RuntimeException e) {
            throw new DockerException("create a container of " + request.image(), e);
        }
    }

    /** Removes a container whatever state it is in; a container already gone is fine. */
    public void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            // already removed, or the daemon went away: nothing is left to clean
        }
    }

    /** Removes every container carrying all these labels, running or not; returns how many went. */
    public int removeContainers(Map<String, String> labels) throws DockerException {
        List<String> ids;
        try {
            ids = docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec().stream()
                    .map(Container::getId).toList();
        } catch (RuntimeException e) {
            throw new DockerException("list the containers labelled " + labels, e);
        }
        ids.forEach(this::remove);
        return ids.size();
    }

    /**
     * Creates a bridge network; an {@code internal} one has no route out of the host, so containers on it reach only
     * each other. Returns its id.
     */
    public String createNetwork(String name, boolean internal, Map<String, String> labels) throws DockerException {
        try {
            return docker.createNetworkCmd().withName(name).withDriver("bridge").withInternal(internal)
                    .withCheckDuplicate(true).withLabels(labels(labels)).exec().getId();
        } catch (RuntimeException e) {
            throw new DockerException("create network " + name, e);
        }
    }

    /** Removes every network carrying all these labels, with any container still attached. */
    public void removeNetworks(Map<String, String> labels) throws DockerException {
        try {
            for (Network network : docker.listNetworksCmd().withFilter("label", filter(labels)).exec()) {
                removeNetwork(network.getId());
            }
        } catch (RuntimeException e) {
            throw new DockerException("remove the networks labelled " + labels, e);
        }
    }

    /**
     * Removes a network, first ending any container still attached to it: a clean-up racing a step that was just
     * attaching a service (a cancel, say) would otherwise meet "network has active endpoints".
     */
    private void removeNetwork(String id) {
        for (int attempt = 1; ; attempt++) {
            try {
                docker.removeNetworkCmd(id).exec();
                return;
            } catch (NotFoundException e) {
                return; // removed meanwhile by a concurrent clean-up
            } catch (RuntimeException e) {
                if (attempt >= 3) {
                    throw e;
                }
                try {
                    Map<String, ?> attached = docker.inspectNetworkCmd().withNetworkId(id).exec().getContainers();
                    for (String container : attached == null ? Set.<String>of() : attached.keySet()) {
                        remove(container);
                    }
                } catch (NotFoundException gone) {
                    return;
                }
            }
        }
    }

    /** Containers this engine started that still exist, for checks that nothing was left behind. */
    public List<String> leftoverContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()
                .stream().map(Container::getId).toList();
    }

    /** Networks this engine made that still exist, for checks that nothing was left behind. */
    public List<String> leftoverNetworks() {
        return docker.listNetworksCmd().withFilter("label", List.of(LABEL)).exec().stream().map(Network::getName).toList();
    }

    /** The engine's own label beside the caller's. */
    private static Map<String, String> labels(Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putIfAbsent(LABEL, "step");
        return all;
    }

    private static List<String> filter(Map<String, String> labels) {
        return labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
