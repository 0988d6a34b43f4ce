package io.jenkins.plugins.registrysteps.engine.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

/**
 * The Docker daemon as the engine uses it: build an image with its log streamed, run a container to completion with
 * its output streamed line by line, and always remove the container afterwards — also on failure and interrupt.
 */
public final class DockerDaemon implements AutoCloseable {

    private final DockerClient docker;
    private final String host;

    private DockerDaemon(DockerClient docker, String host) {
        this.docker = docker;
        this.host = host;
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
        return new DockerDaemon(DockerClientImpl.getInstance(config, http), endpoint.host().toString());
    }

    /** The daemon's version; fails when no daemon answers at the endpoint. */
    public String version() throws DockerException {
        try {
            return docker.versionCmd().exec().getVersion();
        } catch (RuntimeException e) {
            throw new DockerException("reach the Docker daemon at " + host, e);
        }
    }

    /** Builds an image with the classic builder, its log going to {@code log}; returns the image id. */
    public String build(BuildRequest request, LineSink log) throws DockerException {
        Lines lines = new Lines(log);
        BuildImageCmd command = docker.buildImageCmd()
                .withBaseDirectory(request.context().toFile())
                .withDockerfile(request.context().resolve(request.dockerfile()).toFile())
                .withTags(new HashSet<>(request.tags()))
                .withLabels(request.labels())
                .withPull(false);
        request.args().forEach(command::withBuildArg);
        if (request.target() != null) {
            command.withTarget(request.target());
        }
        if (request.network() != null) {
            command.withNetworkMode(request.network());
        }
        try {
            String id = command.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null) {
                        lines.accept(item.getStream().getBytes(StandardCharsets.UTF_8));
                    }
                    super.onNext(item);
                }
            }).awaitImageId();
            lines.finish();
            return id;
        } catch (RuntimeException e) {
            lines.finish();
            throw new DockerException("build image from " + request.context() + " with " + request.dockerfile(), e);
        }
    }

    /**
     * Tags a local image as {@code repository:tag} and pushes it; returns the digest the registry stored. Push errors
     * arrive inside a successful HTTP stream, so every item of it is checked.
     */
    public String push(String localImage, String repository, String tag, LineSink log) throws DockerException {
        String target = repository + ":" + tag;
        String[] digest = new String[1];
        String[] error = new String[1];
        try {
            docker.tagImageCmd(localImage, repository, tag).withForce(true).exec();
            docker.pushImageCmd(repository).withTag(tag).exec(new ResultCallback.Adapter<PushResponseItem>() {
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
            }).awaitCompletion();
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

    /** Runs a container to completion with its output going to {@code log}; returns its exit code. */
    public int run(RunRequest request, LineSink log) throws DockerException, InterruptedException {
        String id = create(request);
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

    private String create(RunRequest request) throws DockerException {
        HostConfig hostConfig = HostConfig.newHostConfig()
                .withBinds(request.binds().stream().map(Bind::parse).toList());
        if (request.network() != null) {
            hostConfig.withNetworkMode(request.network());
        }
        CreateContainerCmd command = docker.createContainerCmd(request.image())
                .withCmd(request.command())
                .withEnv(request.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(hostConfig)
                .withLabels(java.util.Map.of("io.jenkins.plugins.registry-steps", "step"));
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
    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            // already removed, or the daemon went away: nothing is left to clean
        }
    }

    /** Containers this engine started that still exist, for checks that nothing was left behind. */
    public List<String> leftoverContainers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(java.util.Map.of("io.jenkins.plugins.registry-steps", "step")).exec()
                .stream().map(c -> c.getId()).toList();
    }

    @Override
    public void close() throws IOException {
        docker.close();
    }
}
